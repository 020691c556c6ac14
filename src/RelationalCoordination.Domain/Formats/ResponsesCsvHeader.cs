namespace RelationalCoordination.Domain.Formats;

/// <summary>The header of a responses file: where each of the format's columns is.</summary>
internal static class ResponsesCsvHeader
{
    /// <summary>
    /// The position of each of <see cref="ResponsesCsv.Columns"/> in the header, matched without
    /// regard to case; a missing or repeated column is an error.
    /// </summary>
    public static int[] Map(CsvRecordReader reader)
    {
        var columns = ResponsesCsv.Columns;
        var positions = new int[columns.Count];
        Array.Fill(positions, -1);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var name = reader[i].Trim().ToString();
            var column = -1;
            for (var c = 0; c < columns.Count; c++)
            {
                if (string.Equals(columns[c], name, StringComparison.OrdinalIgnoreCase))
                {
                    column = c;
                }
            }

            if (column < 0)
            {
                continue; // Extra columns (a researcher's own metadata) are ignored.
            }

            if (positions[column] >= 0)
            {
                throw new CsvInputException(reader.RecordLine, columns[column], "the column appears twice in the header");
            }

            positions[column] = i;
        }

        for (var c = 0; c < columns.Count; c++)
        {
            if (positions[c] < 0)
            {
                throw new CsvInputException(
                    reader.RecordLine, columns[c], $"the header has no column '{columns[c]}'; it must name {string.Join(',', columns)}");
            }
        }

        return positions;
    }
}
