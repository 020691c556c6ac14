using System.Text;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Responses;

using Xunit;

namespace RelationalCoordination.Domain.Tests.Formats;

// The UTF-8 reader is a fast path: where it accepts a file it must build exactly the text reader's
// set, and everywhere else it must leave the file to the text reader, whose errors are the product's.
public sealed class ResponsesUtf8Tests
{
    private const string Header = "respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect";

    public static TheoryData<string> PlainFiles => new()
    {
        $"{Header}\nr1,Nurses,Physicians,4,3,4,,5,4,5\n",
        $"{Header}\r\nr1,Nurses,Physicians,4,3,4,,5,4,5\r\nr1,Nurses,Nurses,,,,,,,\r\n",
        $"\uFEFF{Header}\nr1,Nurses,Physicians,4,3,4,,5,4,5",
        $"{Header}\n\nr1, Nurses ,Physicians,4, 3 ,4,,5,4,5\n\nr2,Nurses,\" Physicians\",1,1,1,1,1,1,1\n",
        $"{Header}\n\"r,1\",\"Nurses, night\",\"Læger & co\",4,3,4,,5,4,5\n",
        $"{Header}\nr1,Sygeplejersker,Læger,4,3,4,,5,4,5\nr2,Læger,Sygeplejersker,1,2,3,4,5,,\nr1,Sygeplejersker,Sygeplejersker,5,5,5,5,5,5,5\n",
        $"{Header}\nr1,A,B,4,4,4,4,4,4, \nr2,A,B,4,4,4,4,4,4,4\n",
        $"{Header}\nr1,A,B,1,2,3,4,5,1,2\nr1,A,C,5,4,3,2,1,5,4\nr1,A, A ,1,2,3,4,5,1, 2\nr2,A,B,,,,,,,\n",
        $"{Header}\n'=r1,'=cmd|' /C calc'!A0,'+Nurses,4,3,4,,5,4,5\n",
        $"{Header}\nr1,\u00A0Nurses\u2003,Physicians,4,3,4,,5,4,5\nr1,Nurses,Nurses,4,3,4,,5,4,5\n",
        $"{Header}\n",
        $"{Header}",
    };

    [Theory]
    [MemberData(nameof(PlainFiles))]
    public void A_plain_file_is_read_from_bytes_into_the_same_set_as_from_text(string text)
    {
        foreach (var fields in new[] { CsvTextFields.Verbatim, CsvTextFields.NeutraliseFormulas })
        {
            var fromBytes = ResponsesUtf8.TryRead(Encoding.UTF8.GetBytes(text), null, null, fields);

            Assert.NotNull(fromBytes);
            AssertSame(ResponsesCsv.Parse(text, null, fields), fromBytes);
        }
    }

    public static TheoryData<string> UnusualFiles => new()
    {
        // Valid, but left to the text reader.
        $"mutual_respect,shared_knowledge,shared_goals,problem_solving,accurate,timely,frequent,target_role,role,respondent_id\n1,2,3,4,5,4,3,Physicians,Nurses,r1\n",
        $"{Header},ward\nr1,Nurses,Physicians,4,3,4,,5,4,5,7B\n",
        $"{Header}\nr1,Nurses,\"Doctors \"\"on call\"\"\",4,3,4,,5,4,5\n",
        $"{Header}\nr1,Nurses,\"Doctors\non call\",4,3,4,,5,4,5\n",
        $"{Header}\nr1,Nurses,Physicians,04,3,4,,5,4,5\n",
        $"{Header}\rr1,Nurses,Physicians,4,3,4,,5,4,5\r",
        $"{Header}\nr1,'\tNurses,Physicians,4,3,4,,5,4,5\n",
        // Invalid: the text reader names the problem.
        $"{Header}\nr1,A,B,4,4,7,4,4,4,4\n",
        $"{Header}\nr1,A,B,4,x,4,4,4,4,4\n",
        $"{Header}\nr1,A,B,4,4,0,4,4,4,4\nr2,A,B,4,4,4,4,4,4,4\n",
        $"{Header}\nr1,A,B,4,4,6,4,4,4,4\nr2,A,B,4,4,4,4,4,4,4\n",
        $"{Header}\nr1,A,B,4,4,4,4,4,4,4,\nr2,A,B,4,4,4,4,4,4,4\n",
        $"{Header}\nr1,A,B,4,4,4,4,4,4\n",
        $"{Header}\nr1,A,B,4,4,4,4,4,4,4,4\n",
        $"{Header}\nr1,A,B,4,4,4,4,4,4,4\nr1,A, B ,3,3,3,3,3,3,3\n",
        $"{Header}\nr1,A,B,4,4,4,4,4,4,4\nr1,C,A,3,3,3,3,3,3,3\n",
        $"{Header}\n ,A,B,4,4,4,4,4,4,4\n",
        $"{Header}\nr1,,B,4,4,4,4,4,4,4\n",
        $"{Header}\nr1,A,\"B,4,4,4,4,4,4,4\n",
        $"{Header}\nr1,A,B\"x,4,4,4,4,4,4,4\n",
        $"{Header}\nr1,A,\"B\"x,4,4,4,4,4,4,4\n",
        $"respondent_id,role\nr1,A\n",
        "",
    };

    [Theory]
    [MemberData(nameof(UnusualFiles))]
    public void An_unusual_or_invalid_file_is_left_to_the_text_reader_with_the_same_outcome(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);

        Assert.Null(ResponsesUtf8.TryRead(bytes, null, null, CsvTextFields.NeutraliseFormulas));
        var (expected, expectedErrors) = ResponsesCsv.Validate(text, textFields: CsvTextFields.NeutraliseFormulas);
        var (actual, errors) = ResponsesCsv.Validate(bytes, textFields: CsvTextFields.NeutraliseFormulas);
        Assert.Equal(expectedErrors.Select(e => e.Message), errors.Select(e => e.Message));
        if (expected is not null)
        {
            AssertSame(expected, actual!);
        }
    }

    [Fact]
    public void Invalid_utf8_is_one_problem_naming_its_line()
    {
        var bytes = Encoding.UTF8.GetBytes($"{Header}\nr1,A,B,4,4,4,4,4,4,4\nr2,A,B,4,4,4,4,4,4,4\n");
        bytes[^20] = 0xFF;

        var (responses, errors) = ResponsesCsv.Validate(bytes);

        Assert.Null(responses);
        Assert.StartsWith("line 3, field 'respondent_id': the text is not valid UTF-8", Assert.Single(errors).Message, StringComparison.Ordinal);
        Assert.Equal(errors[0].Message, Assert.Throws<CsvInputException>(() => ResponsesCsv.Parse(bytes)).Message);
    }

    [Fact]
    public void A_survey_role_check_is_asked_once_per_pair_and_a_refusal_leaves_the_file_to_the_text_reader()
    {
        var text = $"{Header}\nr1,A,B,4,4,4,4,4,4,4\nr2,A,B,4,4,4,4,4,4,4\nr2,A,C,4,4,4,4,4,4,4\n";
        var asked = new List<string>();
        ResponseError? Check(string role, string target)
        {
            asked.Add($"{role}>{target}");
            return target == "C" ? new ResponseError("target_role", $"'{target}' is not a role of this survey") : null;
        }

        Assert.Null(ResponsesUtf8.TryRead(Encoding.UTF8.GetBytes(text), ["A", "B"], Check, CsvTextFields.Verbatim));
        Assert.Equal(["A>B", "A>C"], asked);

        var (_, errors) = ResponsesCsv.Validate(Encoding.UTF8.GetBytes(text), ["A", "B"], 100, Check);
        Assert.Equal("line 4, field 'target_role': 'C' is not a role of this survey", Assert.Single(errors).Message);
    }

    [Fact]
    public void Declared_roles_are_kept_when_read_from_bytes()
    {
        var bytes = Encoding.UTF8.GetBytes($"{Header}\nr1,A,B,4,4,4,4,4,4,4\n");

        var set = ResponsesUtf8.TryRead(bytes, [" Z ", "A"], null, CsvTextFields.Verbatim);

        Assert.Equal(["A", "B", "Z"], set!.Roles.ToArray());
    }

    [Theory]
    [InlineData("tiny/responses.csv")]
    [InlineData("hospital/wave1.csv")]
    [InlineData("hospital/wave2.csv")]
    public void The_reference_files_are_read_from_bytes_into_the_same_set_as_from_text(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "reference", file));

        var fromBytes = ResponsesUtf8.TryRead(bytes, null, null, CsvTextFields.Verbatim);

        Assert.NotNull(fromBytes);
        AssertSame(ResponsesCsv.Parse(ResponsesCsv.DecodeUtf8(bytes)), fromBytes);
    }

    // Over 1 MB the file is read in two halves at once; rows of one respondent may fall in both.
    private static string LargeFile(string? lastLine = null)
    {
        var text = new StringBuilder(Header).Append('\n');
        string[] roles = ["Nurses", "Physicians", "Case managers", "Pharmacists", "Læger"];
        for (var r = 0; text.Length < 1_500_000; r++)
        {
            foreach (var target in roles)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"R{r % 9000},{roles[r % 9000 % 5]},{target},{(r % 5) + 1},,3,4,5,{(r % 3) + 1},2\n");
            }

            if (r == 8999)
            {
                break;
            }
        }

        // Every respondent's rows again, about other targets: respondents span both halves.
        for (var r = 0; r < 9000; r++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"R{r},{roles[r % 5]},Residents {r % 3},1,2,3,4,5,,\n");
        }

        return text.Append(lastLine).ToString();
    }

    [Fact]
    public void Invalid_utf8_in_the_second_half_of_a_large_file_is_named_by_the_text_reader()
    {
        var bytes = Encoding.UTF8.GetBytes(LargeFile());
        bytes[^26] = 0xC3; // a two-byte sequence cut short: the last role name ends "Læge\xC3,"

        Assert.Null(ResponsesUtf8.TryRead(bytes, null, null, CsvTextFields.Verbatim));
        Assert.Contains("the text is not valid UTF-8", Assert.Single(ResponsesCsv.Validate(bytes).Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_large_file_read_in_two_halves_gives_the_same_set_as_from_text()
    {
        var text = LargeFile();
        Assert.True(text.Length > 1_100_000);

        var fromBytes = ResponsesUtf8.TryRead(Encoding.UTF8.GetBytes(text), ["Unrated"], null, CsvTextFields.Verbatim);

        Assert.NotNull(fromBytes);
        AssertSame(ResponsesCsv.Parse(text, ["Unrated"]), fromBytes);
    }

    [Theory]
    [InlineData("R0,Nurses,Physicians,1,1,1,1,1,1,1\n", "already rated target role 'Physicians'")]
    [InlineData("R0,Physicians,Nurses,1,1,1,1,1,1,1\n", "has role 'Physicians' here but 'Nurses'")]
    public void A_problem_across_the_halves_is_left_to_the_text_reader(string lastLine, string problem)
    {
        var text = LargeFile(lastLine);

        Assert.Null(ResponsesUtf8.TryRead(Encoding.UTF8.GetBytes(text), null, null, CsvTextFields.Verbatim));
        var (_, errors) = ResponsesCsv.Validate(Encoding.UTF8.GetBytes(text));
        Assert.Contains(problem, Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    private static void AssertSame(ResponseSet expected, ResponseSet actual)
    {
        Assert.Equal(expected.Roles.ToArray(), actual.Roles.ToArray());
        Assert.Equal(Describe(expected), Describe(actual));
    }

    private static IEnumerable<string> Describe(ResponseSet set) =>
        set.Respondents.Select(r => $"{r.Id}|{r.Role}|{string.Join(";", r.Observations.Select(o => $"{o.TargetRole}={o.Scores}"))}");
}
