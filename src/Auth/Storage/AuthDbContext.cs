using Microsoft.EntityFrameworkCore;

namespace ClinicalAgent.Auth.Storage;

/// <summary>The authorization server's SQLite database: OpenIddict's applications, authorizations, scopes and tokens,
/// and the client assertions already used.</summary>
internal sealed class AuthDbContext(DbContextOptions<AuthDbContext> options) : DbContext(options)
{
    public DbSet<UsedAssertion> UsedAssertions => Set<UsedAssertion>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<UsedAssertion>(entity =>
        {
            entity.HasKey(a => new { a.ClientId, a.JwtId });
            entity.HasIndex(a => a.ExpiresAt);
        });
    }
}
