namespace OkrConnect.Core.Domain;

/// <summary>One page of a list, with the total so clients can page without guessing.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Offset, int Limit, long Total);
