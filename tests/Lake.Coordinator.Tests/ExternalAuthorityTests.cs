using System.Net;
using System.Text.Json;
using Lake.Coordinator.Identity;

namespace Lake.Coordinator.Tests;

/// <summary>
/// A coordinator whose tokens come from another OpenID Connect authority (the hospital's), by
/// configuration alone: here that authority is a second, real OpenIddict server on loopback.
/// The coordinator then hosts no authority of its own and trusts that issuer only.
/// </summary>
[Category(TestCategories.Integration)]
public sealed class ExternalAuthorityTests
{
    private CoordinatorServer _hospital = null!;
    private CoordinatorServer _elsewhere = null!;
    private CoordinatorServer _lake = null!;

    [OneTimeSetUp]
    public async Task StartThree()
    {
        _hospital = new CoordinatorServer();
        _elsewhere = new CoordinatorServer();
        await _hospital.StartAsync();
        await _elsewhere.StartAsync();
        _lake = new CoordinatorServer(new Dictionary<string, string?> { ["Auth:Authority"] = _hospital.BaseAddress.ToString() });
        await _lake.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopThree()
    {
        await _lake.DisposeAsync();
        await _elsewhere.DisposeAsync();
        await _hospital.DisposeAsync();
    }

    [Test]
    public async Task Me_TokenOfTheConfiguredAuthority_AcceptedWithItsSubjectAndRoles()
    {
        var alice = await _hospital.AddPersonAsync("alice", LakeRoles.Researcher);
        var tokens = await _hospital.CreateBrowser().DeviceSignInAsync(alice);

        using var response = await _lake.CallAsync(HttpMethod.Get, "me", tokens.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        using var me = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(me.RootElement.GetProperty("subject").GetString(), Is.EqualTo("alice"));
        Assert.That(me.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { LakeRoles.Researcher }));
    }

    [Test]
    public async Task Me_TokenOfAnotherAuthority_Refused()
    {
        var mallory = await _elsewhere.AddPersonAsync("mallory", LakeRoles.Staff);
        var tokens = await _elsewhere.CreateBrowser().DeviceSignInAsync(mallory);

        using var response = await _lake.CallAsync(HttpMethod.Get, "me", tokens.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a token signed by an authority the lake does not trust");
    }

    [Test]
    public async Task Discovery_ExternalAuthorityConfigured_TheLakeHostsNoAuthority()
    {
        using var discovery = await _lake.Api.GetAsync(".well-known/openid-configuration");
        using var login = await _lake.Api.GetAsync("account/login");

        Assert.That((discovery.StatusCode, login.StatusCode), Is.EqualTo((HttpStatusCode.NotFound, HttpStatusCode.NotFound)));
    }
}
