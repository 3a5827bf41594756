// Keeps the parts of a page that follow an open request up to date without a reload. Each such
// part carries data-live-source, the address of its own fresh rendering; the server stops sending
// that attribute once nothing will move any more (delivered, refused, failed), and polling ends.
// The state in words goes to a separate live region (data-live-status-of), which screen readers
// announce politely; it stays in place, so only its text changes. Without this script the page
// shows a plain reload link instead.
(function () {
    'use strict';

    var interval = 3000;
    // A page left open for hours stops asking; its reload link still works.
    var longest = 30 * 60 * 1000;
    var started = Date.now();

    function follow(region) {
        var status = document.querySelector('[data-live-status-of="' + region.id + '"]');

        function schedule() {
            if (Date.now() - started < longest)
                window.setTimeout(refresh, interval);
        }

        function refresh() {
            var source = region.getAttribute('data-live-source');
            if (!source)
                return;
            fetch(source, { credentials: 'same-origin', headers: { 'Accept': 'text/html' }, cache: 'no-store' })
                .then(function (response) {
                    if (response.status === 404)
                        return null; // No longer yours to see: stop, the next reload says so.
                    if (!response.ok)
                        throw new Error(String(response.status));
                    return response.text();
                })
                .then(function (html) {
                    if (html === null)
                        return;
                    var template = document.createElement('template');
                    template.innerHTML = html;
                    var fresh = template.content.querySelector('#' + CSS.escape(region.id));
                    if (!fresh)
                        return schedule();
                    region.replaceChildren.apply(region, Array.prototype.slice.call(fresh.childNodes));
                    var text = fresh.getAttribute('data-live-status') || '';
                    region.setAttribute('data-live-status', text);
                    if (status && status.textContent !== text)
                        status.textContent = text;
                    if (fresh.hasAttribute('data-live-source'))
                        schedule();
                    else
                        region.removeAttribute('data-live-source');
                })
                .catch(schedule);
        }

        schedule();
    }

    Array.prototype.forEach.call(document.querySelectorAll('[data-live-source]'), follow);
})();
