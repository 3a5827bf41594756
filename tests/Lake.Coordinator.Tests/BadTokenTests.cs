using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Lake.Coordinator.Authority;
using Lake.Coordinator.Identity;

namespace Lake.Coordinator.Tests;

/// <summary>
/// Tokens the API must refuse, each answered 401 and recorded in the audit log as a refused
/// token. Most are a real access token's header and claims re-signed with the authority's own
/// key after changing exactly one thing, so each case proves the validator checks that one
/// thing; <see cref="Me_RealClaimsResignedWithTheAuthoritysKey_IsAccepted"/> proves the
/// re-signing itself is sound.
/// </summary>
[Category(TestCategories.Integration)]
public sealed class BadTokenTests
{
    private CoordinatorServer _server = null!;
    private TokenSet _tokens = null!;
    private RSA _authorityKey = null!;
    private string _keyId = null!;

    public enum Forgery
    {
        SignedWithAnUnknownKeyUnderTheAuthoritysKeyId,
        SignedWithAnUnknownKeyOfItsOwn,
        Unsigned,
        WrongAudience,
        NoAudience,
        WrongIssuer,
        Expired,
        NotYetValid,
        PayloadTamperedSignatureKept,
        IdTokenInsteadOfAccessToken,
        NotAJwt,
    }

    [OneTimeSetUp]
    public async Task StartServer()
    {
        _server = new CoordinatorServer();
        var person = await _server.AddPersonAsync("tess", LakeRoles.Researcher);
        await _server.StartAsync();
        using var browser = _server.CreateBrowser();
        _tokens = await browser.DeviceSignInAsync(person);
        // The key file beside the key ring: what a thief of that file, not of the data folder, would hold.
        var signing = AuthorityKeys.LoadOrCreate(_server.Workspace.KeyRing.Path).Signing;
        _authorityKey = signing.Rsa;
        _keyId = signing.KeyId;
    }

    [OneTimeTearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task Me_RealClaimsResignedWithTheAuthoritysKey_IsAccepted()
    {
        var (header, payload) = Decode(_tokens.AccessToken);

        using var response = await _server.CallAsync(HttpMethod.Get, "/me", Sign(header, payload, _authorityKey));

        Assert.Multiple(() =>
        {
            Assert.That(header["kid"]?.GetValue<string>(), Is.EqualTo(_keyId), "the access token is not signed with the key file beside the key ring");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the forging harness is broken: every refusal below would prove nothing");
        });
    }

    // Who has not the authority's private key cannot sign, even when naming the authority's key id.
    [TestCase(Forgery.SignedWithAnUnknownKeyUnderTheAuthoritysKeyId)]
    // ... nor with a key id of their own.
    [TestCase(Forgery.SignedWithAnUnknownKeyOfItsOwn)]
    // alg "none": the classic downgrade; a validator must never accept an unsigned token.
    [TestCase(Forgery.Unsigned)]
    // A token the authority issued for another API must not open this one.
    [TestCase(Forgery.WrongAudience)]
    [TestCase(Forgery.NoAudience)]
    // Right key, but claims another issuer: the issuer is checked, not only the signature.
    [TestCase(Forgery.WrongIssuer)]
    // Past exp (well beyond any clock skew allowance).
    [TestCase(Forgery.Expired)]
    // nbf an hour ahead (exp moved later too, so only nbf is wrong).
    [TestCase(Forgery.NotYetValid)]
    // A real signature over claims changed afterwards: roles raised to auditor and staff.
    [TestCase(Forgery.PayloadTamperedSignatureKept)]
    // Signed by the authority, but for the command line (aud lake-cli) and of type JWT, not at+jwt.
    [TestCase(Forgery.IdTokenInsteadOfAccessToken)]
    [TestCase(Forgery.NotAJwt)]
    public async Task Me_BadToken_Is401AndAuditedAsARefusedToken(Forgery forgery)
    {
        var token = Forge(forgery);
        var before = _server.LastAuditSequence();

        using var response = await _server.CallAsync(HttpMethod.Get, "/me", token);

        var refusals = _server.AuditEntriesAfter(before).Where(e => e.Action == "token").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(refusals, Has.Count.EqualTo(1), "one audit entry per refused token");
            Assert.That(refusals.Select(e => e.Outcome), Is.All.EqualTo("refused"));
            Assert.That(refusals.Select(e => e.Subject), Is.All.EqualTo("GET /me"));
            // The audit log records why, never the token itself.
            Assert.That(refusals.Select(e => e.Detail), Has.None.Contains(token));
        });
    }

    [Test]
    public async Task SubmitRequest_TamperedToken_Is401AndRecordsNoRequest()
    {
        var before = (await _server.Workspace.OpenRequests().ListAsync(CancellationToken.None)).Count;

        using var response = await _server.CallAsync(HttpMethod.Post, "/requests", Forge(Forgery.PayloadTamperedSignatureKept), Studies.Submission("ANY-PERMIT"));

        var after = await _server.Workspace.OpenRequests().ListAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(after, Has.Count.EqualTo(before));
        });
    }

    private string Forge(Forgery forgery)
    {
        var (header, payload) = Decode(_tokens.AccessToken);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        switch (forgery)
        {
            case Forgery.SignedWithAnUnknownKeyUnderTheAuthoritysKeyId:
            {
                using var stranger = RSA.Create(2048);
                return Sign(header, payload, stranger);
            }
            case Forgery.SignedWithAnUnknownKeyOfItsOwn:
            {
                using var stranger = RSA.Create(2048);
                header["kid"] = "stranger-key";
                return Sign(header, payload, stranger);
            }
            case Forgery.Unsigned:
                header["alg"] = "none";
                header.Remove("kid");
                return Encode(header) + "." + Encode(payload) + ".";
            case Forgery.WrongAudience:
                payload["aud"] = "another-api";
                return Sign(header, payload, _authorityKey);
            case Forgery.NoAudience:
                payload.Remove("aud");
                return Sign(header, payload, _authorityKey);
            case Forgery.WrongIssuer:
                payload["iss"] = "http://127.0.0.1:1/";
                return Sign(header, payload, _authorityKey);
            case Forgery.Expired:
                payload["iat"] = now - 7200;
                payload["nbf"] = now - 7200;
                payload["exp"] = now - 3600;
                return Sign(header, payload, _authorityKey);
            case Forgery.NotYetValid:
                payload["nbf"] = now + 3600;
                payload["exp"] = now + 7200;
                return Sign(header, payload, _authorityKey);
            case Forgery.PayloadTamperedSignatureKept:
            {
                var signature = _tokens.AccessToken.Split('.')[2];
                payload["role"] = new JsonArray("researcher", "auditor", "staff");
                return Encode(header) + "." + Encode(payload) + "." + signature;
            }
            case Forgery.IdTokenInsteadOfAccessToken:
                return _tokens.IdToken ?? throw new InvalidOperationException("the device flow issued no ID token (scope openid was asked for)");
            case Forgery.NotAJwt:
                return "not-a-token";
            default:
                throw new ArgumentOutOfRangeException(nameof(forgery), forgery, null);
        }
    }

    private static (JsonObject Header, JsonObject Payload) Decode(string jwt)
    {
        var parts = jwt.Split('.');
        Assert.That(parts, Has.Length.EqualTo(3), "the access token is not a signed JWT");
        return (JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!.AsObject(), JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!.AsObject());
    }

    private static string Sign(JsonObject header, JsonObject payload, RSA key)
    {
        var signed = Encode(header) + "." + Encode(payload);
        var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signed + "." + Base64Url.EncodeToString(signature);
    }

    private static string Encode(JsonObject part) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(part.ToJsonString()));
}
