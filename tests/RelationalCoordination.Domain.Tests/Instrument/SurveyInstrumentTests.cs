using RelationalCoordination.Domain.Instrument;

using Xunit;

namespace RelationalCoordination.Domain.Tests.Instrument;

public sealed class SurveyInstrumentTests
{
    [Fact]
    public void The_seven_dimensions_come_in_the_fixed_order_of_the_survey()
    {
        Assert.Equal(
            ["frequent", "timely", "accurate", "problem_solving", "shared_goals", "shared_knowledge", "mutual_respect"],
            Dimensions.All.Select(d => d.Key()));
        Assert.Equal(Dimensions.All, SurveyInstrument.Items().Select(i => i.Dimension));
    }

    [Theory]
    [InlineData(FrequencyVariant.Frequency, InstrumentLanguage.English)]
    [InlineData(FrequencyVariant.Sufficiency, InstrumentLanguage.English)]
    [InlineData(FrequencyVariant.Frequency, InstrumentLanguage.Danish)]
    [InlineData(FrequencyVariant.Sufficiency, InstrumentLanguage.Danish)]
    public void Every_item_names_the_work_process_and_offers_five_options_scored_one_to_five(FrequencyVariant variant, InstrumentLanguage language)
    {
        foreach (var item in SurveyInstrument.Items(variant, language))
        {
            Assert.Contains(SurveyItem.WorkProcessPlaceholder, item.Wording, StringComparison.Ordinal);
            Assert.Equal(5, item.Options.Length);
            Assert.Equal([1, 2, 3, 4, 5], item.Options.Select(o => o.Score).Order());
            Assert.Equal(5, item.Options.Select(o => o.Label).Distinct().Count());
        }
    }

    [Fact]
    public void The_wording_carries_the_surveys_work_process()
    {
        var wording = SurveyInstrument.Item(Dimension.SharedGoals).WordingFor("  discharging a patient ");

        Assert.Equal("How much do people in each of these roles share your goals for discharging a patient?", wording);
    }

    [Fact]
    public void The_sufficiency_variant_scores_just_the_right_amount_best()
    {
        var item = SurveyInstrument.Item(Dimension.Frequent, FrequencyVariant.Sufficiency);

        Assert.Equal(
            [("not nearly enough", 1), ("not enough", 3), ("just the right amount", 5), ("too often", 4), ("much too often", 2)],
            item.Options.Select(o => (o.Label, o.Score)));
        Assert.Equal(5, item.ScoreOf("just the right amount"));
    }

    [Theory]
    [InlineData(Dimension.Frequent, "never,rarely,occasionally,often,constantly")]
    [InlineData(Dimension.Timely, "never,rarely,occasionally,often,always")]
    [InlineData(Dimension.Accurate, "never,rarely,occasionally,often,always")]
    [InlineData(Dimension.ProblemSolving, "always blame others,mostly blame others,neither blame nor solve,mostly work with you to solve it,always work with you to solve it")]
    [InlineData(Dimension.SharedGoals, "not at all,a little,somewhat,a lot,completely")]
    [InlineData(Dimension.SharedKnowledge, "nothing,a little,some,a lot,everything")]
    [InlineData(Dimension.MutualRespect, "not at all,a little,somewhat,a lot,completely")]
    public void Options_are_listed_in_display_order_from_one_to_five(Dimension dimension, string labels)
    {
        var item = SurveyInstrument.Item(dimension);

        Assert.Equal(labels.Split(','), item.Options.Select(o => o.Label));
        Assert.Equal([1, 2, 3, 4, 5], item.Options.Select(o => o.Score));
        Assert.Null(item.ScoreOf(SurveyInstrument.NotApplicableLabel));
    }

    [Theory]
    [InlineData(FrequencyVariant.Frequency)]
    [InlineData(FrequencyVariant.Sufficiency)]
    public void Every_language_scores_each_option_position_the_same(FrequencyVariant variant)
    {
        var english = SurveyInstrument.Items(variant, InstrumentLanguage.English);
        var danish = SurveyInstrument.Items(variant, InstrumentLanguage.Danish);

        Assert.Equal(english.Select(i => i.Dimension), danish.Select(i => i.Dimension));
        Assert.Equal(
            english.Select(i => string.Join(',', i.Options.Select(o => o.Score))),
            danish.Select(i => string.Join(',', i.Options.Select(o => o.Score))));
        Assert.All(english.Zip(danish), pair => Assert.NotEqual(pair.First.Wording, pair.Second.Wording));
    }

    [Fact]
    public void The_danish_wording_carries_the_work_process_too()
    {
        var item = SurveyInstrument.Item(Dimension.SharedGoals, FrequencyVariant.Frequency, InstrumentLanguage.Danish);

        Assert.Equal("Hvor meget deler personer i hver af disse roller dine mål for udskrivelse af en patient?", item.WordingFor("udskrivelse af en patient"));
        Assert.Equal(5, SurveyInstrument.Item(Dimension.Frequent, FrequencyVariant.Sufficiency, InstrumentLanguage.Danish).ScoreOf("tilpas"));
        Assert.Equal("ikke relevant / ved ikke", SurveyInstrument.NotApplicable(InstrumentLanguage.Danish));
    }
}
