using Microsoft.EntityFrameworkCore;

namespace Lake.Coordinator.Identity;

/// <summary>
/// The identity store, <c>control/identity.db</c>: Lake's accounts and OpenIddict's applications,
/// authorizations and tokens (device codes, refresh tokens). Kept apart from the control plane so
/// the authority's churn (a row per token) never touches the audit log's database.
/// </summary>
public sealed class IdentityDatabase(DbContextOptions<IdentityDatabase> options) : DbContext(options)
{
    public const string FileName = "identity.db";

    public DbSet<LakeAccount> Accounts => Set<LakeAccount>();

    public static DbContextOptions<IdentityDatabase> OptionsFor(string path)
    {
        var builder = new DbContextOptionsBuilder<IdentityDatabase>();
        Configure(builder, path);
        return builder.Options;
    }

    public static void Configure(DbContextOptionsBuilder builder, string path)
    {
        builder.UseSqlite(ConnectionString(path));
        builder.UseOpenIddict();
    }

    public static string ConnectionString(string path) =>
        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        var account = modelBuilder.Entity<LakeAccount>();
        account.ToTable("accounts");
        account.HasKey(a => a.UserName);
        account.Property(a => a.Kind).HasConversion<string>();
        account.Ignore(a => a.RoleList);
    }
}
