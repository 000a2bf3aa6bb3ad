using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Host.Tests.Api;

/// <summary>A busy or unreachable database answers 503 with Retry-After (clients and trackers retry); a bug stays a 500.</summary>
public sealed class StorageBusyTests(StorageBusyTests.FailingCyclesFactory factory) : IClassFixture<StorageBusyTests.FailingCyclesFactory>
{
    private readonly HttpClient _viewer = factory.CreateClientFor(Role.Viewer, "victor");

    [Fact]
    public async Task A_locked_sqlite_database_is_503_with_retry_after()
    {
        factory.Failure = () => new SqliteException("database is locked", 5);

        var response = await _viewer.GetAsync("/api/cycles");

        var problem = await response.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Contains("nothing was changed", problem.Detail(), StringComparison.Ordinal);
        Assert.DoesNotContain("database is locked", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrapped_transient_database_error_is_503_too()
    {
        factory.Failure = () => new InvalidOperationException("reading cycles failed", new SqliteException("database table is locked", 6));

        var response = await _viewer.GetAsync("/api/cycles");

        await response.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task A_permanent_database_error_stays_500()
    {
        factory.Failure = () => new SqliteException("no such table: cycles", 1);

        var response = await _viewer.GetAsync("/api/cycles");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Null(response.Headers.RetryAfter);
    }

    public sealed class FailingCyclesFactory : OkrConnectFactory
    {
        public Func<Exception>? Failure { get; set; }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                var real = services.Single(d => d.ServiceType == typeof(ICycleRepository));
                services.RemoveAll<ICycleRepository>();
                services.Add(new ServiceDescriptor(
                    typeof(ICycleRepository),
                    provider => new FailingCycles((ICycleRepository)ActivatorUtilities.CreateInstance(provider, real.ImplementationType!), this),
                    real.Lifetime));
            });
        }
    }

    private sealed class FailingCycles(ICycleRepository inner, FailingCyclesFactory factory) : ICycleRepository
    {
        public Task InsertAsync(Cycle cycle, CancellationToken ct = default) => inner.InsertAsync(cycle, ct);

        public Task<Cycle?> GetAsync(Guid id, CancellationToken ct = default) => inner.GetAsync(id, ct);

        public Task<Page<Cycle>> ListAsync(int offset, int limit, CancellationToken ct = default) =>
            factory.Failure is { } failure ? throw failure() : inner.ListAsync(offset, limit, ct);

        public Task UpdateAsync(Cycle cycle, CancellationToken ct = default) => inner.UpdateAsync(cycle, ct);
    }
}
