using System.Net;
using System.Text.Json;
using Lake.Coordinator.Identity;

namespace Lake.Coordinator.Tests;

/// <summary>Service clients: confidential clients with the client-credentials flow and a service account's roles.</summary>
public sealed partial class AuthorityTests
{
    [Test]
    public async Task ClientCredentials_OperatorService_GetsATokenWithItsRoles()
    {
        var secret = await _server.AddServiceClientAsync("dashboard-a", LakeRoles.Operator);
        using var browser = _server.CreateBrowser();

        using var response = await browser.ClientCredentialsAsync("dashboard-a", secret);

        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        using var tokens = JsonDocument.Parse(body);
        using var me = await _server.CallAsync(HttpMethod.Get, "/me", tokens.RootElement.GetProperty("access_token").GetString());
        using var json = JsonDocument.Parse(await me.Content.ReadAsStringAsync());
        Assert.Multiple(() =>
        {
            Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(json.RootElement.GetProperty("subject").GetString(), Is.EqualTo("dashboard-a"));
            Assert.That(Strings(json.RootElement, "roles"), Is.EqualTo(new[] { LakeRoles.Operator }));
        });
    }

    [Test]
    public async Task ClientCredentials_WrongSecret_IsInvalidClient()
    {
        await _server.AddServiceClientAsync("dashboard-b", LakeRoles.Operator);
        using var browser = _server.CreateBrowser();

        using var response = await browser.ClientCredentialsAsync("dashboard-b", Convert.ToBase64String(new byte[32]));

        var error = await Browser.ErrorAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(error, Is.EqualTo("invalid_client"));
        });
    }

    [Test]
    public async Task ClientCredentials_DisabledService_GetsNoNewToken()
    {
        var secret = await _server.AddServiceClientAsync("dashboard-c", LakeRoles.Operator);
        using var browser = _server.CreateBrowser();
        using (var before = await browser.ClientCredentialsAsync("dashboard-c", secret))
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await _server.SetDisabledAsync("dashboard-c", disabled: true);

        using var response = await browser.ClientCredentialsAsync("dashboard-c", secret);

        var error = await Browser.ErrorAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(error, Is.EqualTo("invalid_grant"));
            Assert.That(_server.AuditEntries().Any(e => e.Actor == "dashboard-c" && e.Action == "token" && e.Outcome == "refused"), Is.True);
        });
    }
}
