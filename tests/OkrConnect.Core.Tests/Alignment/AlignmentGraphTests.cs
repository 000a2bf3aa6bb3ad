using OkrConnect.Core.Alignment;
using OkrConnect.Core.Domain;
using static OkrConnect.Core.Tests.Build;

namespace OkrConnect.Core.Tests.Alignment;

public class AlignmentGraphTests
{
    /// <summary>A chain of objectives, each aligned to the single key result of the one above it; index 0 is the top.</summary>
    internal static (List<Objective> Objectives, List<KeyResult> KeyResults) Chain(int depth)
    {
        var objectives = new List<Objective>();
        var keyResults = new List<KeyResult>();
        Guid? parent = null;
        for (var level = 0; level < depth; level++)
        {
            var objective = Objective(parent);
            var keyResult = KeyResult(objective.Id, measure: level == depth - 1 ? MeasureKind.Work : MeasureKind.Children);
            objectives.Add(objective);
            keyResults.Add(keyResult);
            parent = keyResult.Id;
        }

        return (objectives, keyResults);
    }

    [Fact]
    public void Aligning_to_a_key_result_of_the_objective_itself_closes_a_loop()
    {
        var objective = Objective();
        var own = KeyResult(objective.Id);
        var graph = new AlignmentGraph([objective], [own]);

        var check = graph.CheckParent(objective.Id, own.Id);

        Assert.True(check.ClosesLoop);
        Assert.Equal([objective.Id], check.Loop);
    }

    [Fact]
    public void Aligning_an_ancestor_under_its_descendant_closes_a_loop()
    {
        var (objectives, keyResults) = Chain(3);
        var graph = new AlignmentGraph(objectives, keyResults);

        var check = graph.CheckParent(objectives[0].Id, keyResults[2].Id);

        Assert.True(check.ClosesLoop);
        Assert.Equal(objectives.Select(o => o.Id).Reverse(), check.Loop);
    }

    [Fact]
    public void Aligning_down_the_tree_or_to_a_sibling_branch_is_fine()
    {
        var (objectives, keyResults) = Chain(3);
        var sibling = Objective(keyResults[0].Id);
        var siblingKr = KeyResult(sibling.Id);
        var graph = new AlignmentGraph([.. objectives, sibling], [.. keyResults, siblingKr]);

        Assert.False(graph.WouldCloseLoop(objectives[2].Id, siblingKr.Id));
        Assert.False(graph.WouldCloseLoop(objectives[2].Id, keyResults[0].Id));
    }

    [Fact]
    public void An_unknown_key_result_closes_no_loop()
    {
        var objective = Objective();

        Assert.False(new AlignmentGraph([objective], []).WouldCloseLoop(objective.Id, Guid.NewGuid()));
    }

    [Theory]
    [InlineData(50)]
    [InlineData(5000)]
    public void Deep_chains_are_walked_to_the_top(int depth)
    {
        var (objectives, keyResults) = Chain(depth);
        var graph = new AlignmentGraph(objectives, keyResults);

        Assert.True(graph.WouldCloseLoop(objectives[0].Id, keyResults[^1].Id));
        Assert.False(graph.WouldCloseLoop(objectives[^1].Id, keyResults[0].Id));
        Assert.Equal(depth - 1, graph.AncestorsOf(objectives[^1].Id).Count);
    }

    [Fact]
    public void A_loop_already_in_bad_data_does_not_hang_the_walk()
    {
        var a = Objective(id: Guid.NewGuid());
        var b = Objective();
        var aKr = KeyResult(a.Id);
        var bKr = KeyResult(b.Id);
        var newcomer = Objective();
        var graph = new AlignmentGraph([a with { ParentKeyResultId = bKr.Id }, b with { ParentKeyResultId = aKr.Id }, newcomer], [aKr, bKr]);

        Assert.False(graph.WouldCloseLoop(newcomer.Id, aKr.Id));
        Assert.Equal([b.Id], graph.AncestorsOf(a.Id));
    }
}
