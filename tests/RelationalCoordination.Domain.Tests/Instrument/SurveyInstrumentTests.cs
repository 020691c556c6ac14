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

    [Theory]
    [InlineData(FrequencyVariant.Frequency, InstrumentLanguage.English)]
    [InlineData(FrequencyVariant.Sufficiency, InstrumentLanguage.English)]
    [InlineData(FrequencyVariant.Frequency, InstrumentLanguage.Danish)]
    [InlineData(FrequencyVariant.Sufficiency, InstrumentLanguage.Danish)]
    public void Clients_read_their_own_wording_of_the_seven_items_with_the_options_scored_as_the_staff_wording(FrequencyVariant variant, InstrumentLanguage language)
    {
        var staff = SurveyInstrument.Items(variant, language, ItemAudience.Staff);
        var client = SurveyInstrument.Items(variant, language, ItemAudience.Client);

        Assert.Equal(Dimensions.All, client.Select(i => i.Dimension));
        Assert.Equal(staff, SurveyInstrument.Items(variant, language));
        foreach (var (s, c) in staff.Zip(client))
        {
            Assert.NotEqual(s.Wording, c.Wording);
            Assert.Contains(SurveyItem.WorkProcessPlaceholder, c.Wording, StringComparison.Ordinal);
            // Same number of options, in the same order, each position scoring the same.
            Assert.Equal(s.Options.Select(o => o.Score), c.Options.Select(o => o.Score));
            Assert.Equal(5, c.Options.Select(o => o.Label).Distinct().Count());
            Assert.Equal(c, SurveyInstrument.Item(c.Dimension, variant, language, ItemAudience.Client));
        }
    }

    [Fact]
    public void The_client_wording_speaks_to_the_client_about_the_work_process_in_both_languages()
    {
        Assert.Equal("How often do people in each of these roles talk with you about your discharge?",
            SurveyInstrument.Item(Dimension.Frequent, FrequencyVariant.Frequency, InstrumentLanguage.English, ItemAudience.Client).WordingFor("your discharge"));
        Assert.Equal("Hvor ofte taler personer i hver af disse roller med dig om din udskrivelse?",
            SurveyInstrument.Item(Dimension.Frequent, FrequencyVariant.Frequency, InstrumentLanguage.Danish, ItemAudience.Client).WordingFor("din udskrivelse"));
        Assert.Equal(5, SurveyInstrument.Item(Dimension.Frequent, FrequencyVariant.Sufficiency, InstrumentLanguage.English, ItemAudience.Client).ScoreOf("just the right amount"));
        Assert.Equal(1, SurveyInstrument.Item(Dimension.ProblemSolving, FrequencyVariant.Frequency, InstrumentLanguage.English, ItemAudience.Client).ScoreOf("always blame someone"));
        Assert.Equal(5, SurveyInstrument.Item(Dimension.ProblemSolving, FrequencyVariant.Frequency, InstrumentLanguage.Danish, ItemAudience.Client).ScoreOf("finder altid en løsning sammen med dig"));
    }

    [Fact]
    public void Leaders_read_the_staff_wording_and_clients_the_client_wording()
    {
        Assert.Equal(ItemAudience.Staff, RoleKind.Staff.Audience());
        Assert.Equal(ItemAudience.Staff, RoleKind.Leader.Audience());
        Assert.Equal(ItemAudience.Client, RoleKind.Client.Audience());
        Assert.Equal(["staff", "client", "leader"], RoleKinds.All.Select(k => k.Key()));
        Assert.All(RoleKinds.All, k => Assert.Equal(k, RoleKinds.Parse(k.Key())));
        Assert.Null(RoleKinds.Parse("Leader"));
        Assert.Null(RoleKinds.Parse("manager"));
        Assert.Null(RoleKinds.Parse(null));
    }

    [Fact]
    public void An_organisations_own_text_replaces_wording_and_labels_but_keeps_every_score_in_place()
    {
        var defaults = SurveyInstrument.Items(FrequencyVariant.Sufficiency);
        var texts = new Dictionary<Dimension, ItemText>
        {
            [Dimension.Frequent] = new("  Our own: is {work process} talked about enough?  ", ["far too little", "too little", "right", "too much", "far too much"]),
            [Dimension.MutualRespect] = new("Respect in {work process}?", []),
        };

        var items = SurveyInstrument.Reworded(defaults, texts);

        Assert.Equal("Our own: is discharge talked about enough?", items[0].WordingFor("discharge"));
        Assert.Equal([("far too little", 1), ("too little", 3), ("right", 5), ("too much", 4), ("far too much", 2)], items[0].Options.Select(o => (o.Label, o.Score)));
        Assert.Equal("Respect in {work process}?", items[6].Wording);
        Assert.Equal(defaults[6].Options, items[6].Options);
        Assert.Equal(defaults[1..6].ToArray(), items[1..6].ToArray());   // untouched
        Assert.Throws<ArgumentException>(() => SurveyInstrument.Reworded(defaults, new Dictionary<Dimension, ItemText> { [Dimension.Timely] = new("No placeholder", []) }));
    }

    [Theory]
    [InlineData("", ItemTextRules.NoWording)]
    [InlineData("   ", ItemTextRules.NoWording)]
    [InlineData("How timely is the work?", ItemTextRules.NoPlaceholder)]
    [InlineData("How timely is {work process}?\u0007", ItemTextRules.ControlCharacter)]
    [InlineData("How timely is {Work Process}?", ItemTextRules.NoPlaceholder)]
    [InlineData("<b>\"Hvor\"</b>, rettidigt — {work process}?", null)]
    public void An_item_wording_needs_text_the_placeholder_and_no_control_characters(string wording, string? problem)
    {
        Assert.Equal(problem, ItemTextRules.WordingProblem(System.Text.RegularExpressions.Regex.Unescape(wording)));
    }

    [Fact]
    public void An_item_wording_has_at_most_five_hundred_characters_and_labels_come_five_or_not_at_all()
    {
        var longest = "{work process}" + new string('x', ItemTextRules.MaxWordingLength - 14);
        Assert.Null(ItemTextRules.WordingProblem(longest));
        Assert.Equal(ItemTextRules.WordingTooLong, ItemTextRules.WordingProblem(longest + "x"));
        Assert.Equal("The wording can have at most 500 characters.", ItemTextRules.WordingTooLong);

        Assert.Null(ItemTextRules.LabelsProblem([]));
        Assert.Null(ItemTextRules.LabelsProblem(["a", "b", "c", "d", "e, with a comma"]));
        Assert.Equal(ItemTextRules.NotFiveLabels, ItemTextRules.LabelsProblem(["a", "b", "c", "d"]));
        Assert.Equal(ItemTextRules.NotFiveLabels, ItemTextRules.LabelsProblem(["a", "b", "", "d", "e"]));
        Assert.Equal(ItemTextRules.LabelsRepeated, ItemTextRules.LabelsProblem(["a", "b", "c", "d", " a "]));
        Assert.Equal(ItemTextRules.LabelTooLong, ItemTextRules.LabelsProblem(["a", "b", "c", "d", new string('e', ItemTextRules.MaxLabelLength + 1)]));
    }
}
