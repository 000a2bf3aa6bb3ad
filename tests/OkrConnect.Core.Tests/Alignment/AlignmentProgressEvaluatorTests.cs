using OkrConnect.Core.Alignment;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Progress;
using static OkrConnect.Core.Tests.Build;

namespace OkrConnect.Core.Tests.Alignment;

public class AlignmentProgressEvaluatorTests
{
    [Fact]
    public void A_children_key_result_rolls_up_its_aligned_objectives_recursively()
    {
        var company = Objective();
        var companyKr = KeyResult(company.Id, measure: MeasureKind.Children);
        var teamA = Objective(companyKr.Id, weight: 1);
        var teamB = Objective(companyKr.Id, weight: 3);
        var aWork = KeyResult(teamA.Id);
        var bMetric = KeyResult(teamB.Id, measure: MeasureKind.Metric, start: 0, target: 10, current: 2);
        var bStretch = KeyResult(teamB.Id, type: KeyResultType.Aspirational);
        var graph = new AlignmentGraph([company, teamA, teamB], [companyKr, aWork, bMetric, bStretch]);

        var result = AlignmentProgressEvaluator
            .ForStoredProgress(graph, new Dictionary<Guid, double?> { [aWork.Id] = 1.0, [bStretch.Id] = 0.5 })
            .EvaluateAll();

        Assert.Equal(0.2, result.KeyResults[bMetric.Id]);
        Assert.Equal(new ObjectiveProgress(0.2, 0.5, ObjectiveProgressBasis.Committed), result.Objectives[teamB.Id]);
        Assert.Equal((1.0 * 1 + 0.2 * 3) / 4, result.KeyResults[companyKr.Id]!.Value, 12);
        Assert.Equal(result.KeyResults[companyKr.Id], result.Objectives[company.Id].Value);
        Assert.Empty(result.LoopBreaks);
    }

    [Fact]
    public void A_children_key_result_with_no_aligned_objectives_has_no_progress()
    {
        var objective = Objective();
        var kr = KeyResult(objective.Id, measure: MeasureKind.Children);

        var result = AlignmentProgressEvaluator.ForStoredProgress(new AlignmentGraph([objective], [kr]), new Dictionary<Guid, double?>()).EvaluateAll();

        Assert.Null(result.KeyResults[kr.Id]);
        Assert.Equal(ObjectiveProgress.None, result.Objectives[objective.Id]);
    }

    [Fact]
    public void Each_node_is_computed_once()
    {
        var (objectives, keyResults) = AlignmentGraphTests.Chain(10);
        var calls = 0;
        var evaluator = new AlignmentProgressEvaluator(new AlignmentGraph(objectives, keyResults), _ => { calls++; return 0.3; });

        evaluator.EvaluateAll();
        evaluator.ProgressOfObjective(objectives[0].Id);

        Assert.Equal(1, calls);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(500)]
    public void Deep_chains_carry_the_leaf_progress_to_the_top(int depth)
    {
        var (objectives, keyResults) = AlignmentGraphTests.Chain(depth);
        var evaluator = new AlignmentProgressEvaluator(new AlignmentGraph(objectives, keyResults), _ => 0.3);

        Assert.Equal(0.3, evaluator.ProgressOfObjective(objectives[0].Id).Value);
    }

    [Fact]
    public void A_loop_in_bad_data_is_cut_and_reported()
    {
        var a = Objective();
        var b = Objective();
        var aKr = KeyResult(a.Id, measure: MeasureKind.Children);
        var aWork = KeyResult(a.Id);
        var bKr = KeyResult(b.Id, measure: MeasureKind.Children);
        var bWork = KeyResult(b.Id);
        var graph = new AlignmentGraph([a with { ParentKeyResultId = bKr.Id }, b with { ParentKeyResultId = aKr.Id }], [aKr, aWork, bKr, bWork]);
        var work = new Dictionary<Guid, double?> { [aWork.Id] = 0.2, [bWork.Id] = 0.6 };

        var result = AlignmentProgressEvaluator.ForStoredProgress(graph, work).EvaluateAll();

        Assert.NotEmpty(result.LoopBreaks);
        Assert.NotNull(result.Objectives[a.Id].Value);
        Assert.NotNull(result.Objectives[b.Id].Value);
    }

    [Fact]
    public void A_self_loop_in_bad_data_is_cut()
    {
        var a = Objective();
        var aKr = KeyResult(a.Id, measure: MeasureKind.Children);
        var graph = new AlignmentGraph([a with { ParentKeyResultId = aKr.Id }], [aKr]);

        var result = new AlignmentProgressEvaluator(graph, _ => null).EvaluateAll();

        Assert.Equal([a.Id], result.LoopBreaks);
        Assert.Equal(ObjectiveProgress.None, result.Objectives[a.Id]);
    }
}
