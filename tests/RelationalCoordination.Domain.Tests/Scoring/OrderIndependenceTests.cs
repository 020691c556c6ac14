using System.Text.Json;

using RelationalCoordination.Domain.Responses;
using RelationalCoordination.Domain.Scoring;

using Xunit;

namespace RelationalCoordination.Domain.Tests.Scoring;

// A database returns stored answers in no fixed order, and two surveys that differ only in a
// suppressed respondent must publish the same figures to the last bit (the subtraction attack).
public sealed class OrderIndependenceTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_figure_is_the_same_to_the_last_bit_whatever_the_order_of_respondents_and_their_answers(bool anonymous)
    {
        var responses = ReferenceDataTests.Load("hospital/wave1.csv");
        var shuffled = ResponseSet.From(
            responses.Respondents.OrderBy(r => r.Id.GetHashCode(StringComparison.Ordinal)).Reverse()
                .Select(r => r with { Observations = [.. r.Observations.Reverse()] }));
        var options = new ScoringOptions(5, anonymous);

        var expected = ScoringEngine.Score(responses, options);
        var actual = ScoringEngine.Score(shuffled, options);

        Assert.NotEqual(responses.Respondents.Select(r => r.Id), shuffled.Respondents.Select(r => r.Id));
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
    }
}
