using Microsoft.Extensions.DependencyInjection;
using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Tests.Infrastructure;

namespace OkrConnect.Storage.Tests.Repositories;

public sealed class DataProtectionKeyRepositoryOnSqlite : DataProtectionKeyRepositoryTests<SqliteTestDatabase>;

public sealed class DataProtectionKeyRepositoryOnPostgres : DataProtectionKeyRepositoryTests<PostgresTestDatabase>;

public abstract class DataProtectionKeyRepositoryTests<TDatabase> : StorageTest<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    private const string FirstKey = """<key id="6d1b1f6e-4a0c-4e46-9a1f-1c0c9e0f1a01" version="1"><creationDate>2026-03-14T09:26:53Z</creationDate></key>""";
    private const string SecondKey = """<key id="0f3c2a5b-7d8e-4f10-b2c3-d4e5f6a7b802" version="1"><creationDate>2026-06-12T00:00:00Z</creationDate></key>""";

    [StorageFact]
    public void Stored_elements_come_back_oldest_first()
    {
        Assert.Empty(DataProtectionKeys.GetAllXml());

        DataProtectionKeys.Store("key-6d1b1f6e-4a0c-4e46-9a1f-1c0c9e0f1a01", FirstKey);
        DataProtectionKeys.Store("key-0f3c2a5b-7d8e-4f10-b2c3-d4e5f6a7b802", SecondKey);

        Assert.Equal([FirstKey, SecondKey], DataProtectionKeys.GetAllXml());
    }

    [StorageFact]
    public void Storing_the_same_friendly_name_again_replaces_its_xml()
    {
        DataProtectionKeys.Store("key-1", FirstKey);
        DataProtectionKeys.Store("key-1", SecondKey);

        Assert.Equal([SecondKey], DataProtectionKeys.GetAllXml());
    }

    [StorageFact]
    public void Another_instance_sees_the_same_key_ring()
    {
        DataProtectionKeys.Store("key-1", FirstKey);

        using var secondInstance = CreateSecondInstance();

        Assert.Equal([FirstKey], secondInstance.GetRequiredService<IDataProtectionKeyRepository>().GetAllXml());
    }
}
