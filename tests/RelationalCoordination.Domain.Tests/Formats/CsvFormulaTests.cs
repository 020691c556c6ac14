using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Scoring;

using Xunit;

using static RelationalCoordination.Domain.Tests.TestData;

namespace RelationalCoordination.Domain.Tests.Formats;

public sealed class CsvFormulaTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-Nurses", "'-Nurses")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTab", "'\tTab")]
    [InlineData("\rReturn", "\"'\rReturn\"")]
    [InlineData("'=already quoted", "''=already quoted")]
    [InlineData("Nurses", "Nurses")]
    [InlineData("'Nurses", "'Nurses")]
    [InlineData("Nurses = Physicians - 1", "Nurses = Physicians - 1")]
    [InlineData("", "")]
    public void A_text_field_a_spreadsheet_would_run_gets_a_leading_quote_when_neutralising(string text, string written)
    {
        var writer = new StringWriter();
        new CsvWriter(writer, CsvTextFields.NeutraliseFormulas).Field(text).EndRow();

        Assert.Equal(written + "\r\n", writer.ToString());
    }

    [Fact]
    public void Numbers_stay_numbers_when_neutralising_text()
    {
        var writer = new StringWriter();
        new CsvWriter(writer, CsvTextFields.NeutraliseFormulas).Field(-0.36).Field(-2).Field(-2.1).Field((double?)null).EndRow();

        Assert.Equal("-0.36,-2,-2.1,\r\n", writer.ToString());
    }

    [Fact]
    public void Verbatim_writes_a_researchers_names_unchanged()
    {
        var writer = new StringWriter();
        new CsvWriter(writer, CsvTextFields.Verbatim).Field("=1+1").Field("-Nurses").Field("@x").EndRow();

        Assert.Equal("=1+1,-Nurses,@x\r\n", writer.ToString());
    }

    [Theory]
    [InlineData("=x")]
    [InlineData("'=x")]
    [InlineData("''-x")]
    [InlineData("'")]
    [InlineData("''")]
    [InlineData("'abc")]
    [InlineData("abc")]
    [InlineData("-")]
    public void Restoring_undoes_neutralising_exactly(string text)
    {
        Assert.Equal(text, CsvFormulas.Restore(CsvFormulas.Neutralise(text)).ToString());
    }

    [Fact]
    public void Responses_written_neutralised_read_back_with_the_names_as_given()
    {
        var original = Data(
            ("-1", "=HYPERLINK(\"http://x\",\"y\")", "-Nurses", All(4)),
            ("r2", "-Nurses", "'@quoted", All(3)),
            ("r3", "'@quoted", "=HYPERLINK(\"http://x\",\"y\")", All(5)));

        var writer = new StringWriter();
        ResponsesCsv.Write(writer, original, CsvTextFields.NeutraliseFormulas);
        var copy = ResponsesCsv.Parse(writer.ToString(), textFields: CsvTextFields.NeutraliseFormulas);

        Assert.Contains("'-1,\"'=HYPERLINK", writer.ToString(), StringComparison.Ordinal);
        Assert.Equal(original.Roles.ToArray(), copy.Roles.ToArray());
        Assert.Equal(
            original.Respondents.Select(r => (r.Id, r.Role, string.Join(';', r.Observations))),
            copy.Respondents.Select(r => (r.Id, r.Role, string.Join(';', r.Observations))));
    }

    [Fact]
    public void The_result_files_neutralise_role_names_but_not_negative_numbers()
    {
        var before = Data(("r1", "-Nurses", "=Physicians", All(5)), ("r2", "-Nurses", "=Physicians", All(4)));
        var after = Data(("r1", "-Nurses", "=Physicians", All(2)), ("r2", "-Nurses", "=Physicians", All(3)));
        var writer = new StringWriter();

        ResultsCsv.WriteCompare(writer, WaveComparison.Compare(before, after), CsvTextFields.NeutraliseFormulas);

        var row = CsvRecordReader.ReadAll(writer.ToString()).ElementAt(1);
        Assert.Equal("'-Nurses", row[0]);
        Assert.Equal("'=Physicians", row[1]);
        Assert.Equal(-2.0, double.Parse(row[6], System.Globalization.CultureInfo.InvariantCulture));
    }
}
