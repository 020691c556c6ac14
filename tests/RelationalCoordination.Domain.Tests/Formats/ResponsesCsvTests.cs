using System.Text;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Responses;

using Xunit;

using static RelationalCoordination.Domain.Tests.TestData;

namespace RelationalCoordination.Domain.Tests.Formats;

public sealed class ResponsesCsvTests
{
    private const string Header = "respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect";

    [Fact]
    public void A_valid_file_is_read_with_not_applicable_as_missing()
    {
        var set = ResponsesCsv.Parse($"{Header}\nR-0001,Nurses,Physicians,4,3,4,,5,4,5\n");

        var respondent = Assert.Single(set.Respondents);
        Assert.Equal(("R-0001", "Nurses"), (respondent.Id, respondent.Role));
        var observation = Assert.Single(respondent.Observations);
        Assert.Equal("Physicians", observation.TargetRole);
        Assert.Equal("4,3,4,,5,4,5", observation.Scores.ToString());
    }

    [Fact]
    public void Columns_may_come_in_any_order_and_extra_columns_are_ignored()
    {
        var set = ResponsesCsv.Parse(
            "ward,mutual_respect,shared_knowledge,shared_goals,problem_solving,accurate,timely,frequent,target_role,role,respondent_id\n" +
            "7B,1,2,3,4,5,4,3,Physicians,Nurses,r1\n");

        Assert.Equal("3,4,5,4,3,2,1", set.Respondents.Single().Observations.Single().Scores.ToString());
    }

    public static TheoryData<string, int, string?, string> BadFiles => new()
    {
        { "", 1, null, "the file is empty" },
        { "respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge\n", 1, "mutual_respect", "the header has no column 'mutual_respect'" },
        { $"{Header}\nr1,A,B,4,4,7,4,4,4,4\n", 2, "accurate", "score 7 is outside 1–5" },
        { $"{Header}\nr1,A,B,4,4,4,4,4,4,4\nr2,A,B,4,x,4,4,4,4,4\n", 3, "timely", "\"x\" is not a whole number from 1 to 5" },
        { $"{Header}\nr1,A,B,4,4,4,3.5,4,4,4\n", 2, "problem_solving", "\"3.5\" is not a whole number" },
        { $"{Header}\nr1,A,B,4,4,4,0,4,4,4\n", 2, "problem_solving", "score 0 is outside 1–5" },
        { $"{Header}\nr1,A,B,4,4,4,4,4,4\n", 2, "mutual_respect", "expected 10 fields as in the header, found 9" },
        { $"{Header}\nr1,A,B,4,4,4,4,4,4,4\nr1,A,B,3,3,3,3,3,3,3\n", 3, "target_role", "respondent 'r1' already rated target role 'B' on line 2" },
        { $"{Header}\nr1,A,B,4,4,4,4,4,4,4\nr1,C,A,3,3,3,3,3,3,3\n", 3, "role", "respondent 'r1' has role 'C' here but 'A' on line 2" },
        { $"{Header}\n,A,B,4,4,4,4,4,4,4\n", 2, "respondent_id", "the respondent id is empty" },
        { $"{Header}\nr1,A,\"B,4,4,4,4,4,4,4\n", 2, "target_role", "field 3 opens a quote that is never closed" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Bad_input_names_the_line_and_the_field(string text, int line, string? field, string reason)
    {
        var error = Assert.Throws<CsvInputException>(() => ResponsesCsv.Parse(text));

        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Field);
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_lists_every_bad_row_with_its_line_and_field_and_keeps_nothing()
    {
        var text = $"{Header}\nr1,A,B,4,4,4,4,4,4,4\nr2,A,B,4,9,4,4,4,4,4\nr3,A,B,4,4,4,4,x,4,4\nr1,A,B,1,1,1,1,1,1,1\nr4,A,B,4,4,4,4,4,4,4\n";

        var (responses, errors) = ResponsesCsv.Validate(text);

        Assert.Null(responses);
        Assert.Equal([(3, "timely"), (4, "shared_goals"), (5, "target_role")], errors.Select(e => (e.Line, e.Field)));
    }

    [Fact]
    public void Validation_stops_at_the_limit_and_at_broken_quoting()
    {
        var rows = string.Concat(Enumerable.Range(0, 50).Select(i => $"r{i},A,B,4,4,4,4,4,4,7\n"));

        var (_, limited) = ResponsesCsv.Validate($"{Header}\n{rows}", maxErrors: 10);
        var (_, quoted) = ResponsesCsv.Validate($"{Header}\nr1,A,B,4,4,4,4,4,4,9\n\"r2,A,B,4,4,4,4,4,4,4\nr3,A,B,4,4,4,4,4,4,9\n");

        Assert.Equal(10, limited.Count);
        Assert.Equal([(2, "mutual_respect"), (3, "respondent_id")], quoted.Select(e => (e.Line, e.Field)));
    }

    [Fact]
    public void Validation_of_a_good_file_returns_its_responses()
    {
        var (responses, errors) = ResponsesCsv.Validate($"{Header}\nr1,A,B,4,4,4,4,4,4,4\n");

        Assert.Empty(errors);
        Assert.Equal(1, responses!.ObservationCount);
    }

    [Fact]
    public void Invalid_utf8_is_reported_on_its_line()
    {
        var bytes = Encoding.UTF8.GetBytes($"{Header}\nr1,A,B,4,4,4,4,4,4,4\nr2,").Concat(new byte[] { 0xC3, 0x28 }).Concat("x,B,4,4,4,4,4,4,4\n"u8.ToArray()).ToArray();

        var error = Assert.Throws<CsvInputException>(() => ResponsesCsv.DecodeUtf8(bytes));

        Assert.Equal(3, error.Line);
        Assert.Equal("role", error.Field);
        Assert.Contains("not valid UTF-8", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Role_names_with_commas_quotes_html_and_other_scripts_round_trip()
    {
        var original = Data(
            ("R \"1\", first", "Læger, \"on call\"", "<script>alert('x')</script>", "1,2,3,4,5,,"),
            ("r2", "护士", "أطباء", All(5)),
            ("r3", "Multi\nline", "Læger, \"on call\"", ",,,,,,"));

        var writer = new StringWriter();
        ResponsesCsv.Write(writer, original, CsvTextFields.Verbatim);
        var copy = ResponsesCsv.Parse(writer.ToString());

        Assert.Equal(original.Roles.ToArray(), copy.Roles.ToArray());
        Assert.Equal(
            original.Respondents.Select(r => (r.Id, r.Role, string.Join(';', r.Observations))),
            copy.Respondents.Select(r => (r.Id, r.Role, string.Join(';', r.Observations))));
    }

    [Fact]
    public void Exports_can_replace_respondent_ids()
    {
        var writer = new StringWriter();
        ResponsesCsv.Write(writer, Data(("nurse.jensen@example.org", "A", "B", All(4))), CsvTextFields.Verbatim, _ => "X-1");

        Assert.DoesNotContain("jensen", writer.ToString(), StringComparison.Ordinal);
        Assert.Contains("X-1,A,B,4,4,4,4,4,4,4", writer.ToString(), StringComparison.Ordinal);
    }
}
