using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Responses;

using Xunit;

namespace RelationalCoordination.Domain.Tests.Responses;

public sealed class ItemScoresTests
{
    [Fact]
    public void Scores_keep_every_item_and_its_absence()
    {
        var scores = ItemScores.Of(5, null, 1, 2, 3, 4, null);

        Assert.Equal(5, scores[Dimension.Frequent]);
        Assert.Null(scores[Dimension.Timely]);
        Assert.Equal(4, scores[Dimension.SharedKnowledge]);
        Assert.Equal(5, scores.AnsweredCount);
        Assert.False(scores.IsComplete);
        Assert.Equal("5,,1,2,3,4,", scores.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void A_score_outside_one_to_five_is_rejected_naming_the_item(int score)
    {
        var ok = ItemScores.TryCreate([4, 4, 4, score, 4, 4, 4], out _, out var error);

        Assert.False(ok);
        Assert.Equal($"item problem_solving: score {score} is outside 1–5", error);
    }

    [Fact]
    public void With_replaces_one_item()
    {
        var scores = ItemScores.Of(1, 1, 1, 1, 1, 1, 1).With(Dimension.MutualRespect, 5).With(Dimension.Frequent, null);

        Assert.Equal(",1,1,1,1,1,5", scores.ToString());
        Assert.Equal(ItemScores.Of(null, 1, 1, 1, 1, 1, 5), scores);
    }
}
