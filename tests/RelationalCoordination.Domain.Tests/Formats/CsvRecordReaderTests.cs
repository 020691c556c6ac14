using RelationalCoordination.Domain.Formats;

using Xunit;

namespace RelationalCoordination.Domain.Tests.Formats;

public sealed class CsvRecordReaderTests
{
    [Fact]
    public void Quoted_fields_hold_commas_quotes_and_line_breaks()
    {
        var records = CsvRecordReader.ReadAll("a,\"b, c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,x\n").ToList();

        Assert.Equal(["a", "b, c", "say \"hi\""], records[0]);
        Assert.Equal(["two\nlines", "", "x"], records[1]);
    }

    [Fact]
    public void Each_record_knows_the_line_it_starts_on()
    {
        var reader = new CsvRecordReader("h\n\"multi\nline\"\n\nlast");

        var lines = new List<int>();
        while (reader.Read())
        {
            lines.Add(reader.RecordLine);
        }

        Assert.Equal([1, 2, 5], lines);
    }

    [Fact]
    public void A_byte_order_mark_and_blank_lines_are_skipped()
    {
        Assert.Equal([["a", "b"], ["c", "d"]], CsvRecordReader.ReadAll("\uFEFFa,b\r\n\r\nc,d\r\n\r\n"));
    }

    [Theory]
    [InlineData("a,b\nc,\"open", 2, "field 2 opens a quote that is never closed")]
    [InlineData("a,b\n\"x\"y,z", 2, "field 1 has text after its closing quote")]
    [InlineData("a,b\nc,d\"e", 2, "field 2 has a quote inside an unquoted value")]
    public void Broken_quoting_is_an_error_naming_line_and_field(string text, int line, string reason)
    {
        var error = Assert.Throws<CsvInputException>(() => CsvRecordReader.ReadAll(text).ToList());

        Assert.Equal(line, error.Line);
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
    }
}
