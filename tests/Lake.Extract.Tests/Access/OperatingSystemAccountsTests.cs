using Lake.Extract.Access;

namespace Lake.Extract.Tests.Access;

public sealed class OperatingSystemAccountsTests
{
    [Test]
    public void AccountFor_MappedAndUnmappedUsers_ReturnsTheAccountOrNull()
    {
        var accounts = new OperatingSystemAccounts(new Dictionary<string, string> { ["alice"] = "avirtanen", ["bob"] = "bob" });

        Assert.Multiple(() =>
        {
            Assert.That(accounts.AccountFor("alice"), Is.EqualTo("avirtanen"));
            Assert.That(accounts.AccountFor("carl"), Is.Null);
            Assert.That(accounts.LakeUserFor("avirtanen"), Is.EqualTo("alice"));
            Assert.That(accounts.LakeUserFor("alice"), Is.Null, "a Lake user name is not an account name");
        });
    }

    [Test]
    public void Constructor_TwoUsersOneAccount_IsRefusedNamingTheSetting()
    {
        var map = new Dictionary<string, string> { ["alice"] = "shared", ["bob"] = "shared" };

        Assert.That(() => new OperatingSystemAccounts(map),
            Throws.ArgumentException.With.Message.Contains("Accounts:OperatingSystem").And.Message.Contains("one-to-one").And.Message.Contains("shared"));
    }

    // Each would change the meaning of setfacl's entry list or arguments if passed on.
    [TestCase("bob,u:eve:rwx")]
    [TestCase("bob:rwx")]
    [TestCase("-x")]
    [TestCase("Bob")]
    [TestCase("")]
    [TestCase("a234567890123456789012345678901234")]
    public void Constructor_AccountNameOutsideThePattern_IsRefused(string account)
    {
        Assert.That(() => new OperatingSystemAccounts(new Dictionary<string, string> { ["alice"] = account }),
            Throws.ArgumentException.With.Message.Contains("Accounts:OperatingSystem:alice"));
    }

    [Test]
    public void From_BoundOptions_UsesTheOperatingSystemSection()
    {
        var accounts = OperatingSystemAccounts.From(new AccountsOptions { OperatingSystem = { ["alice"] = "alice" } });

        Assert.That(accounts.AccountFor("alice"), Is.EqualTo("alice"));
    }
}
