using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Connections;
using OkrConnect.Storage.Mapping;

namespace OkrConnect.Storage.Repositories;

/// <summary>Deleting a link deletes its stored progress (ON DELETE CASCADE).</summary>
public sealed class LinkRepository(DatabaseConnectionFactory connections) : ILinkRepository
{
    private const string InsertSql = """
        INSERT INTO links (id, key_result_id, connector_id, target_kind, target_key, weight, model, write_back, target_title, target_url, created_at)
        VALUES (@Id, @KeyResultId, @ConnectorId, @TargetKind, @TargetKey, @Weight, @Model, @WriteBack, @TargetTitle, @TargetUrl, @CreatedAt)
        """;

    private const string GetSql = """
        SELECT id, key_result_id, connector_id, target_kind, target_key, weight, model, write_back, target_title, target_url, created_at
        FROM links
        WHERE id = @Id
        """;

    private const string ListByKeyResultSql = """
        SELECT id, key_result_id, connector_id, target_kind, target_key, weight, model, write_back, target_title, target_url, created_at
        FROM links
        WHERE key_result_id = @KeyResultId
        ORDER BY created_at, id
        """;

    // The same query on both engines except for how the list of ids arrives (see SqlDialect.IdList); each key result's
    // links in ListByKeyResultSql's order (ix_links_key_result_id).
    private const string ListByKeyResultsSqlite = """
        SELECT id, key_result_id, connector_id, target_kind, target_key, weight, model, write_back, target_title, target_url, created_at
        FROM links
        WHERE key_result_id IN (SELECT value FROM json_each(@KeyResultIds))
        ORDER BY key_result_id, created_at, id
        """;

    private const string ListByKeyResultsPostgres = """
        SELECT id, key_result_id, connector_id, target_kind, target_key, weight, model, write_back, target_title, target_url, created_at
        FROM links
        WHERE key_result_id = ANY(@KeyResultIds)
        ORDER BY key_result_id, created_at, id
        """;

    /// <summary>Ids per query of the list reads.</summary>
    private const int IdsPerQuery = 500;

    private const string ListByConnectorSql = """
        SELECT id, key_result_id, connector_id, target_kind, target_key, weight, model, write_back, target_title, target_url, created_at
        FROM links
        WHERE connector_id = @ConnectorId
        ORDER BY target_kind, target_key, id
        """;

    private const string UpdateSql = """
        UPDATE links
        SET key_result_id = @KeyResultId,
            connector_id = @ConnectorId,
            target_kind = @TargetKind,
            target_key = @TargetKey,
            weight = @Weight,
            model = @Model,
            write_back = @WriteBack,
            target_title = @TargetTitle,
            target_url = @TargetUrl
        WHERE id = @Id
        """;

    private const string DeleteSql = "DELETE FROM links WHERE id = @Id";

    public async Task InsertAsync(Link link, CancellationToken ct = default) =>
        await connections.ExecuteAsync(InsertSql, LinkRow.From(link), ct);

    public async Task<Link?> GetAsync(Guid id, CancellationToken ct = default) =>
        (await connections.QuerySingleOrDefaultAsync<LinkRow>(GetSql, new { Id = id }, ct))?.ToLink();

    public async Task<IReadOnlyList<Link>> ListByKeyResultAsync(Guid keyResultId, CancellationToken ct = default) =>
        await connections.QueryAsync<LinkRow, Link>(ListByKeyResultSql, new { KeyResultId = keyResultId }, row => row.ToLink(), ct);

    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<Link>>> ListByKeyResultsAsync(IReadOnlyCollection<Guid> keyResultIds, CancellationToken ct = default)
    {
        var result = new Dictionary<Guid, IReadOnlyList<Link>>();
        var sql = connections.Dialect.Pick(sqlite: ListByKeyResultsSqlite, postgres: ListByKeyResultsPostgres);
        foreach (var chunk in keyResultIds.Distinct().Chunk(IdsPerQuery))
        {
            var links = await connections.QueryAsync<LinkRow, Link>(
                sql, new { KeyResultIds = connections.Dialect.IdList(chunk) }, row => row.ToLink(), ct);
            var byKeyResult = links.GroupBy(l => l.KeyResultId).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var id in chunk)
            {
                result[id] = byKeyResult.TryGetValue(id, out var list) ? list : [];
            }
        }

        return result;
    }

    public async Task<IReadOnlyList<Link>> ListByConnectorAsync(Guid connectorId, CancellationToken ct = default) =>
        await connections.QueryAsync<LinkRow, Link>(ListByConnectorSql, new { ConnectorId = connectorId }, row => row.ToLink(), ct);

    public async Task UpdateAsync(Link link, CancellationToken ct = default) =>
        await connections.ExecuteAsync(UpdateSql, LinkRow.From(link), ct);

    public async Task DeleteAsync(Guid id, CancellationToken ct = default) =>
        await connections.ExecuteAsync(DeleteSql, new { Id = id }, ct);

    private sealed class LinkRow
    {
        public Guid Id { get; init; }
        public Guid KeyResultId { get; init; }
        public Guid ConnectorId { get; init; }
        public string TargetKind { get; init; } = "";
        public string TargetKey { get; init; } = "";
        public double Weight { get; init; }
        public string Model { get; init; } = "";
        public string WriteBack { get; init; } = "";
        public string? TargetTitle { get; init; }
        public string? TargetUrl { get; init; }
        public DateTimeOffset CreatedAt { get; init; }

        public static LinkRow From(Link link) => new()
        {
            Id = link.Id,
            KeyResultId = link.KeyResultId,
            ConnectorId = link.ConnectorId,
            TargetKind = link.TargetKind,
            TargetKey = link.TargetKey,
            Weight = link.Weight,
            Model = DbEnum.ToText(link.Model),
            WriteBack = DbEnum.ToText(link.WriteBack),
            TargetTitle = link.TargetTitle,
            TargetUrl = link.TargetUrl,
            CreatedAt = link.CreatedAt,
        };

        public Link ToLink() => new(
            Id,
            KeyResultId,
            ConnectorId,
            TargetKind,
            TargetKey,
            Weight,
            DbEnum.Parse<ProgressModel>(Model),
            DbEnum.Parse<WriteBackMode>(WriteBack),
            TargetTitle,
            TargetUrl,
            CreatedAt);
    }
}
