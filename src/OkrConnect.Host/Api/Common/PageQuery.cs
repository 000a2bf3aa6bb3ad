using OkrConnect.Core.Domain;

namespace OkrConnect.Host.Api.Common;

/// <summary><c>?offset=&amp;limit=</c> of every list: offset from 0, limit 1–200 (default 50).</summary>
public sealed record PageQuery(int? Offset, int? Limit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public int Skip => Offset ?? 0;

    public int Take => Limit ?? DefaultLimit;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (Offset < 0)
        {
            errors.Add("offset", $"offset must be 0 or more (got {Offset}).");
        }

        if (Limit is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"limit must be between 1 and {MaxLimit} (got {Limit}).");
        }

        return errors;
    }

    /// <summary>Pages a list already filtered in memory (e.g. by visibility), so the total counts only what the caller may see.</summary>
    public Page<T> Apply<T>(IReadOnlyList<T> all) =>
        new(all.Skip(Skip).Take(Take).ToList(), Skip, Take, all.Count);
}

public static class PageMapping
{
    public static Page<TOut> Map<TIn, TOut>(this Page<TIn> page, Func<TIn, TOut> map) =>
        new(page.Items.Select(map).ToList(), page.Offset, page.Limit, page.Total);
}
