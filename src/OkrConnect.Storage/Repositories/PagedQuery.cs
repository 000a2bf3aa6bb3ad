using Dapper;
using OkrConnect.Core.Domain;
using OkrConnect.Storage.Connections;

namespace OkrConnect.Storage.Repositories;

/// <summary>
/// Runs a "count, then one page" SQL pair in one round trip. The SQL must select <c>COUNT(*)</c> first and then
/// the rows with <c>LIMIT @Limit OFFSET @Offset</c> under an ORDER BY that ends in a unique key, so pages are stable.
/// </summary>
internal static class PagedQuery
{
    public static async Task<Page<T>> ReadAsync<TRow, T>(
        DatabaseConnectionFactory connections,
        string sql,
        object parameters,
        int offset,
        int limit,
        Func<TRow, T> toDomain,
        CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        var arguments = new DynamicParameters(parameters);
        arguments.Add("Offset", offset);
        arguments.Add("Limit", limit);

        await using var connection = await connections.OpenAsync(ct);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, arguments, cancellationToken: ct));
        var total = await results.ReadSingleAsync<long>();
        var rows = await results.ReadAsync<TRow>();
        return new Page<T>(rows.Select(toDomain).ToList(), offset, limit, total);
    }
}
