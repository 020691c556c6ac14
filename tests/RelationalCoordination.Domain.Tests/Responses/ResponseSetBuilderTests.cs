using RelationalCoordination.Domain.Responses;

using Xunit;

using static RelationalCoordination.Domain.Tests.TestData;

namespace RelationalCoordination.Domain.Tests.Responses;

public sealed class ResponseSetBuilderTests
{
    [Fact]
    public void A_respondent_with_two_roles_is_rejected_naming_both_and_where()
    {
        var builder = new ResponseSetBuilder();
        builder.Add("R-1", "Nurses", "Physicians", Scores(All(4)), line: 2);

        var error = builder.Add("R-1", "Physicians", "Nurses", Scores(All(4)), line: 9);

        Assert.Equal("role", error!.Field);
        Assert.Equal(
            "respondent 'R-1' has role 'Physicians' here but 'Nurses' on line 2; a respondent has exactly one role",
            error.Message);
    }

    [Fact]
    public void A_duplicate_respondent_and_target_is_rejected_naming_both()
    {
        var builder = new ResponseSetBuilder();
        builder.Add("R-1", "Nurses", "Physicians", Scores(All(4)));

        var error = builder.Add("R-1", "Nurses", " Physicians ", Scores(All(2)));

        Assert.Equal("target_role", error!.Field);
        Assert.Equal(
            "respondent 'R-1' already rated target role 'Physicians' earlier; one observation per respondent and target",
            error.Message);
    }

    [Fact]
    public void A_rejected_observation_leaves_nothing_behind()
    {
        var builder = new ResponseSetBuilder();
        builder.Add("R-1", "Nurses", "Physicians", Scores(All(4)));

        Assert.NotNull(builder.Add("R-1", "Aides", "Porters", Scores(All(4))));
        var set = builder.Build();

        Assert.Equal(["Nurses", "Physicians"], set.Roles.ToArray());
        Assert.Equal(1, set.ObservationCount);
    }

    [Theory]
    [InlineData(" ", "A", "B", "respondent_id")]
    [InlineData("r1", "", "B", "role")]
    [InlineData("r1", "A", "\t", "target_role")]
    public void Empty_names_are_rejected_naming_the_field(string respondent, string role, string target, string field) =>
        Assert.Equal(field, new ResponseSetBuilder().Add(respondent, role, target, Scores(All(3)))!.Field);

    [Fact]
    public void Names_are_trimmed_then_matched_exactly()
    {
        var set = Data(
            ("r1", " Nurses", "Nurses ", All(4)),
            ("r2", "nurses", "Nurses", All(4)));

        Assert.Equal(["Nurses", "nurses"], set.Roles.ToArray());
    }

    [Fact]
    public void Observations_are_grouped_by_respondent_in_the_order_given()
    {
        var set = Data(
            ("r1", "A", "B", All(1)),
            ("r2", "B", "A", All(2)),
            ("r1", "A", "A", All(3)));

        var respondents = set.Respondents.ToList();
        Assert.Equal(["r1", "r2"], respondents.Select(r => r.Id));
        Assert.Equal(["B", "A"], respondents[0].Observations.Select(o => o.TargetRole));
        Assert.Equal(3, respondents[0].Observations[1].Scores[0]);
    }

    [Fact]
    public void Response_sets_round_trip_through_respondents()
    {
        var set = Data(("r1", "A", "B", All(1)), ("r2", "B", "A", "1,2,,4,5,,"));

        var copy = ResponseSet.From(set.Respondents);

        Assert.Equal(set.Respondents.Select(r => (r.Id, r.Role, string.Join(';', r.Observations))),
                     copy.Respondents.Select(r => (r.Id, r.Role, string.Join(';', r.Observations))));
    }

    [Fact]
    public void More_roles_than_a_work_process_can_have_are_rejected()
    {
        var builder = new ResponseSetBuilder();
        ResponseError? error = null;
        for (var i = 0; error is null; i++)
        {
            error = builder.Add($"r{i}", $"Role {i}", $"Role {i}", Scores(All(3)));
        }

        Assert.Equal("role", error.Field);
        Assert.Contains($"more than {ResponseSetBuilder.MaxRoles} roles", error.Message, StringComparison.Ordinal);
        Assert.Equal(ResponseSetBuilder.MaxRoles, builder.Build().Roles.Length);
    }

    [Fact]
    public void A_score_out_of_range_is_rejected_naming_respondent_target_and_item()
    {
        var builder = new ResponseSetBuilder();

        var error = builder.Add("R-7", "Nurses", "Physicians", [4, 4, 4, 4, 4, 7, null]);

        Assert.Equal("shared_knowledge", error!.Field);
        Assert.Equal("respondent 'R-7', target role 'Physicians': item shared_knowledge: score 7 is outside 1–5", error.Message);
        Assert.Equal(0, builder.ObservationCount);
    }
}
