using OkrConnect.Core.Classification;

namespace OkrConnect.Core.Progress;

/// <summary>What the weights of a status-weighted link are: one per issue, or each issue's story points.</summary>
public enum CountBasis
{
    Issues,
    Points,
}

/// <summary>Tunable parts of a link's progress (docs/okr-semantics.md, "Progress of a link").</summary>
public sealed record LinkProgressOptions
{
    public static LinkProgressOptions Default { get; } = new();

    /// <summary>Credit an in-progress item earns under the status-weighted model, in [0, 1].</summary>
    public double InProgressWeight { get; init; } = 0.5;

    /// <summary>Estimate given to unestimated items under points; when null they take the mean of the estimated ones.</summary>
    public double? DefaultEstimate { get; init; }

    /// <summary>Whether status-weighted averages per issue or per story point.</summary>
    public CountBasis StatusWeightedBasis { get; init; } = CountBasis.Issues;

    public SubtaskCounting Subtasks { get; init; } = SubtaskCounting.ThroughParent;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!(InProgressWeight is >= 0 and <= 1))
        {
            problems.Add("The in-progress weight must be between 0 and 1.");
        }

        if (DefaultEstimate is { } estimate && !(double.IsFinite(estimate) && estimate > 0))
        {
            problems.Add("The default estimate must be a positive number.");
        }

        return problems;
    }
}
