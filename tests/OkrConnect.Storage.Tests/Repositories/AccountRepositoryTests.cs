using System.Data.Common;
using OkrConnect.Core.Domain;
using OkrConnect.Storage.Tests.Infrastructure;

namespace OkrConnect.Storage.Tests.Repositories;

public sealed class AccountRepositoryOnSqlite : AccountRepositoryTests<SqliteTestDatabase>;

public sealed class AccountRepositoryOnPostgres : AccountRepositoryTests<PostgresTestDatabase>;

public abstract class AccountRepositoryTests<TDatabase> : StorageTest<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    [StorageFact]
    public async Task Insert_then_get_by_id_or_subject_round_trips_every_field()
    {
        var account = TestData.Account();

        await Accounts.InsertAsync(account);

        AssertSame(account, await Accounts.GetAsync(account.Id));
        AssertSame(account, await Accounts.GetBySubjectAsync("alice"));
        Assert.Null(await Accounts.GetBySubjectAsync("ALICE"));
        Assert.Null(await Accounts.GetAsync(Guid.NewGuid()));
    }

    [StorageFact]
    public async Task Every_role_round_trips_and_a_service_account_may_have_no_teams()
    {
        foreach (var role in Enum.GetValues<Role>())
        {
            var account = TestData.Account($"svc-{role}", role) with { Teams = [], IsServiceAccount = true, SecretHash = null, Disabled = true };
            await Accounts.InsertAsync(account);
            AssertSame(account, await Accounts.GetAsync(account.Id));
        }
    }

    [StorageFact]
    public async Task A_subject_is_unique()
    {
        await Accounts.InsertAsync(TestData.Account("alice"));

        await Assert.ThrowsAnyAsync<DbException>(() => Accounts.InsertAsync(TestData.Account("alice")));
    }

    [StorageFact]
    public async Task List_pages_by_subject_with_the_total()
    {
        foreach (var subject in new[] { "erin", "bob", "dave", "alice", "carol" })
        {
            await Accounts.InsertAsync(TestData.Account(subject));
        }

        var page = await Accounts.ListAsync(offset: 2, limit: 2);

        Assert.Equal(5, page.Total);
        Assert.Equal(["carol", "dave"], page.Items.Select(account => account.Subject));
    }

    [StorageFact]
    public async Task Any_admin_counts_admins_including_disabled_ones()
    {
        Assert.False(await Accounts.AnyAdminAsync());
        await Accounts.InsertAsync(TestData.Account("manager", Role.Manager));
        Assert.False(await Accounts.AnyAdminAsync());

        var admin = TestData.Account("root", Role.Admin) with { Disabled = true };
        await Accounts.InsertAsync(admin);

        Assert.True(await Accounts.AnyAdminAsync());
    }

    [StorageFact]
    public async Task Update_changes_the_fields_but_keeps_the_creation_time()
    {
        var account = TestData.Account();
        await Accounts.InsertAsync(account);
        var changed = account with
        {
            Subject = "alice@example.org",
            DisplayName = "Alice E.",
            Role = Role.Admin,
            Teams = ["core"],
            SecretHash = null,
            Disabled = true,
            CreatedAt = TestData.Instant.AddDays(9),
        };

        await Accounts.UpdateAsync(changed);

        AssertSame(changed with { CreatedAt = account.CreatedAt }, await Accounts.GetAsync(account.Id));
    }

    /// <summary>Record equality compares the teams list by reference, so compare it by content.</summary>
    private static void AssertSame(Account expected, Account? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Teams, actual.Teams);
        Assert.Equal(expected with { Teams = actual.Teams }, actual);
    }
}
