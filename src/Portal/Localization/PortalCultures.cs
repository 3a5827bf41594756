using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;

namespace Lake.Portal.Localization;

/// <summary>
/// The portal's languages: Finnish, Swedish and English, as the hospital serves all three. The
/// choice made with the language form (a cookie) wins over the browser's Accept-Language; a
/// browser asking for none of them gets English.
/// </summary>
public static class PortalCultures
{
    public const string CookieName = "lake.culture";

    public const string Default = "en";

    public static IReadOnlyList<string> Supported { get; } = ["fi", "sv", "en"];

    /// <summary>Each language named in itself, as a person looking for their own would read it.</summary>
    public static string NativeName(string culture) => culture switch
    {
        "fi" => "Suomi",
        "sv" => "Svenska",
        _ => "English",
    };

    public static bool IsSupported(string? culture) => culture is not null && Supported.Contains(culture, StringComparer.Ordinal);

    /// <summary>The language of the page being rendered.</summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName is var name && IsSupported(name) ? name : Default;

    public static RequestLocalizationOptions Options()
    {
        var options = new RequestLocalizationOptions()
            .SetDefaultCulture(Default)
            .AddSupportedCultures([.. Supported])
            .AddSupportedUICultures([.. Supported]);
        options.FallBackToParentCultures = true;
        options.FallBackToParentUICultures = true;
        options.RequestCultureProviders =
        [
            new CookieRequestCultureProvider { CookieName = CookieName },
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        return options;
    }
}
