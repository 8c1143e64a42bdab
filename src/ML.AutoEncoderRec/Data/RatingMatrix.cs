using System.Runtime.CompilerServices;

namespace ML.AutoEncoderRec;

/// <summary>
/// The user × item rating matrix in compressed sparse row (CSR) form: the one in-memory representation
/// of ratings shared by every engine. Row u holds user <c>Users[u]</c>'s ratings at item indices of <see cref="Items"/>.
/// </summary>
/// <remarks>
/// Row u's entries are <c>ColumnIndices[RowPointers[u] .. RowPointers[u+1])</c> with the matching <c>Values</c>;
/// column indices ascend within a row. Missing entries are "not rated" (value 0 is never stored).
/// Memory is O(users + nnz); nothing here allocates a dense users × items array.
/// </remarks>
public sealed class RatingMatrix
{
    /// <summary>Creates a matrix over existing CSR arrays (not copied) after checking their consistency.</summary>
    public RatingMatrix(KeyIndex users, KeyIndex items, int[] rowPointers, int[] columnIndices, float[] values)
    {
        if (rowPointers.Length != users.Count + 1)
            throw new ArgumentException($"Row pointers have {rowPointers.Length} entries; expected users + 1 = {users.Count + 1}.");
        if (columnIndices.Length != values.Length || rowPointers[^1] != values.Length || rowPointers[0] != 0)
            throw new ArgumentException("Row pointers, column indices and values disagree on the number of entries.");
        Users = users;
        Items = items;
        RowPointers = rowPointers;
        ColumnIndices = columnIndices;
        Values = values;
    }

    /// <summary>The user vocabulary (row order).</summary>
    public KeyIndex Users { get; }

    /// <summary>The item vocabulary (column order).</summary>
    public KeyIndex Items { get; }

    /// <summary>CSR row pointers (length users + 1).</summary>
    public int[] RowPointers { get; }

    /// <summary>CSR column (item) indices, ascending within each row.</summary>
    public int[] ColumnIndices { get; }

    /// <summary>CSR values (ratings).</summary>
    public float[] Values { get; }

    /// <summary>Number of users (rows).</summary>
    public int RowCount => Users.Count;

    /// <summary>Number of items (columns).</summary>
    public int ColumnCount => Items.Count;

    /// <summary>Number of stored ratings.</summary>
    public int NonZeroCount => Values.Length;

    /// <summary>The item indices rated by the user at row <paramref name="row"/>.</summary>
    public ReadOnlySpan<int> RowIndices(int row) =>
        ColumnIndices.AsSpan(RowPointers[row], RowPointers[row + 1] - RowPointers[row]);

    /// <summary>The ratings of the user at row <paramref name="row"/>, aligned with <see cref="RowIndices"/>.</summary>
    public ReadOnlySpan<float> RowValues(int row) =>
        Values.AsSpan(RowPointers[row], RowPointers[row + 1] - RowPointers[row]);

    /// <summary>The rating at (row, column), or 0 when not rated.</summary>
    public float Get(int row, int column)
    {
        int at = RowIndices(row).BinarySearch(column);
        return at >= 0 ? Values[RowPointers[row] + at] : 0f;
    }

    /// <summary>Writes row <paramref name="row"/> densely into <paramref name="destination"/> (length = items), zeros elsewhere.</summary>
    public void CopyRowTo(int row, Span<float> destination)
    {
        destination.Clear();
        var indices = RowIndices(row);
        var values = RowValues(row);
        for (int k = 0; k < indices.Length; k++) destination[indices[k]] = values[k];
    }

    /// <summary>
    /// Builds the matrix of <paramref name="table"/> over the given vocabularies (built from the table when null).
    /// Rows whose user or item is not in a given vocabulary are left out and counted in <paramref name="skipped"/>.
    /// </summary>
    /// <remarks>
    /// One lookup pass over the runs of one user's rows notes each row's item index, counts the rows per user (once per
    /// run) and whether the item indices ascend within each run; when the kept rows come grouped by user in ascending
    /// user order (a file sorted by user, and any selection of its rows), the entries are already in CSR order and the
    /// item indices and ratings are taken as they are, otherwise each entry is placed at its row's next free slot. Rows
    /// that are single runs of ascending item indices (a file sorted by user and item) need no sorting and hold no
    /// repeated pair; any other row is sorted and checked. When every row of the table is kept, in that order, the
    /// matrix's <see cref="Values"/> is the table's <see cref="RatingTable.Ratings"/> array itself (neither ever changes,
    /// as arrays are shared elsewhere between matrices). Besides the result, it needs no memory per rating (only while
    /// placing: the item index of every row).
    /// </remarks>
    /// <exception cref="InvalidDataException">A (user, item) pair occurs twice; the message names both lines.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RatingMatrix FromTable(RatingTable table, KeyIndex? users, KeyIndex? items, out int skipped)
    {
        users ??= table.UserIndex;
        items ??= table.ItemIndex;
        int n = table.Count;
        var userIds = table.UserIds;
        var rowPointers = new int[users.Count + 1];
        var columns = GC.AllocateUninitializedArray<int>(n); // each table row's item index (-1: left out), until placed
        var itemIds = table.ItemIds;
        int keptRows = 0;
        bool inRowOrder = true, ascending = true; // ascending: the item indices ascend within each run of one user's rows
        for (int r = 0, lastRow = -1; r < n;)
        {
            int id = userIds[r], u = users.IndexOf(id);
            int run = userIds.AsSpan(r).IndexOfAnyExcept(id);
            var runColumns = columns.AsSpan(r, run < 0 ? n - r : run);
            if (u < 0) runColumns.Fill(-1);
            else items.IndicesOf(itemIds.AsSpan(r, runColumns.Length), runColumns);
            r += runColumns.Length;
            int kept = 0;
            for (int k = 0, lastColumn = -1; k < runColumns.Length; k++)
            {
                int i = runColumns[k];
                if (i < 0) continue;
                kept++;
                ascending &= i > lastColumn;
                lastColumn = i;
            }
            if (kept == 0) continue;
            rowPointers[u + 1] += kept;
            keptRows += kept;
            inRowOrder &= u > lastRow; // then each row is one run
            lastRow = u;
        }
        skipped = n - keptRows;
        for (int u = 0; u < users.Count; u++) rowPointers[u + 1] += rowPointers[u];
        float[] values;
        if (inRowOrder && skipped == 0)
            values = ascending ? table.Ratings : table.Ratings.AsSpan().ToArray(); // shared when nothing is sorted in place
        else
        {
            var placed = GC.AllocateUninitializedArray<int>(n - skipped);
            values = GC.AllocateUninitializedArray<float>(placed.Length);
            var next = rowPointers[..^1]; // where each row's next entry goes
            for (int r = 0, lastId = 0, u = -1; r < n; r++)
            {
                if (columns[r] < 0) continue;
                if (u < 0 || userIds[r] != lastId) (lastId, u) = (userIds[r], users.IndexOf(userIds[r]));
                int at = next[u]++;
                placed[at] = columns[r];
                values[at] = table.Ratings[r];
            }
            columns = placed;
        }
        if (inRowOrder && ascending) return new RatingMatrix(users, items, rowPointers, columns, values); // nothing to sort, no repeat
        for (int u = 0; u < users.Count; u++)
        {
            var rowColumns = columns.AsSpan(rowPointers[u], rowPointers[u + 1] - rowPointers[u]);
            if (IsStrictlyAscending(rowColumns)) continue;
            rowColumns.Sort(values.AsSpan(rowPointers[u], rowColumns.Length));
            for (int k = 1; k < rowColumns.Length; k++)
                if (rowColumns[k] == rowColumns[k - 1]) throw Duplicate(table, users[u], items[rowColumns[k]]);
        }
        return new RatingMatrix(users, items, rowPointers, columns, values);
    }

    /// <summary>The error for a repeated (user, item) pair, naming its first two lines (found again: this is rare).</summary>
    private static InvalidDataException Duplicate(RatingTable table, int user, int item)
    {
        var lines = new List<int>(2);
        for (int r = 0; r < table.Count && lines.Count < 2; r++)
            if (table.UserIds[r] == user && table.ItemIds[r] == item) lines.Add(table.Lines[r]);
        return new InvalidDataException(
            $"{table.Source}: duplicate rating of user {user} for item {item} at lines {lines.Min()} and {lines.Max()}.");
    }

    /// <summary>The item × user transpose (CSR of the columns), e.g. for item-based models.</summary>
    public RatingMatrix Transpose()
    {
        var counts = new int[ColumnCount + 1];
        foreach (int c in ColumnIndices) counts[c + 1]++;
        for (int c = 0; c < ColumnCount; c++) counts[c + 1] += counts[c];
        var rowPointers = (int[])counts.Clone();
        var columns = new int[NonZeroCount];
        var values = new float[NonZeroCount];
        for (int u = 0; u < RowCount; u++)
            for (int k = RowPointers[u]; k < RowPointers[u + 1]; k++)
            {
                int at = counts[ColumnIndices[k]]++;
                columns[at] = u;
                values[at] = Values[k];
            }
        return new RatingMatrix(Items, Users, rowPointers, columns, values);
    }

    /// <summary>Whether the user or item ids are text (see <see cref="KeyIndex.HasTextIds"/>).</summary>
    internal bool HasTextIds => Users.HasTextIds || Items.HasTextIds;

    /// <summary>Writes the user and item id texts (for the "IdTexts.bin" entry of a model file).</summary>
    internal void WriteIdTexts(BinaryWriter writer)
    {
        Users.WriteTexts(writer);
        Items.WriteTexts(writer);
    }

    /// <summary>This matrix with the id texts <see cref="WriteIdTexts"/> wrote.</summary>
    internal RatingMatrix ReadIdTexts(BinaryReader reader, string what) =>
        new(Users.ReadTexts(reader, what + " user ids"), Items.ReadTexts(reader, what + " item ids"), RowPointers, ColumnIndices, Values);

    /// <summary>Writes the matrix (vocabularies, then CSR arrays) for a model file.</summary>
    internal void Write(BinaryWriter writer)
    {
        Users.Write(writer);
        Items.Write(writer);
        writer.Write(NonZeroCount);
        foreach (int p in RowPointers) writer.Write(p);
        foreach (int c in ColumnIndices) writer.Write(c);
        foreach (float v in Values) writer.Write(v);
    }

    /// <summary>Reads what <see cref="Write"/> wrote, checking every structural invariant.</summary>
    /// <exception cref="InvalidDataException">The bytes do not describe a valid matrix.</exception>
    internal static RatingMatrix Read(BinaryReader reader, string what)
    {
        var users = KeyIndex.Read(reader, what + " users");
        var items = KeyIndex.Read(reader, what + " items");
        int nnz = reader.ReadInt32();
        if (nnz < 0) throw new InvalidDataException($"{what}: negative rating count {nnz}.");
        var rowPointers = new int[users.Count + 1];
        for (int k = 0; k < rowPointers.Length; k++) rowPointers[k] = reader.ReadInt32();
        var columns = new int[nnz];
        for (int k = 0; k < nnz; k++) columns[k] = reader.ReadInt32();
        var values = new float[nnz];
        for (int k = 0; k < nnz; k++) values[k] = reader.ReadSingle();
        if (rowPointers[0] != 0 || rowPointers[^1] != nnz)
            throw new InvalidDataException($"{what}: row pointers do not span the {nnz} ratings.");
        for (int u = 0; u < users.Count; u++)
        {
            if (rowPointers[u + 1] < rowPointers[u]) throw new InvalidDataException($"{what}: row pointers decrease at row {u}.");
            for (int k = rowPointers[u]; k < rowPointers[u + 1]; k++)
            {
                if (columns[k] < 0 || columns[k] >= items.Count || (k > rowPointers[u] && columns[k] <= columns[k - 1]))
                    throw new InvalidDataException($"{what}: item index {columns[k]} of row {u} is out of range or out of order.");
                if (!float.IsFinite(values[k]) || values[k] <= 0)
                    throw new InvalidDataException($"{what}: rating {values[k]} of row {u} is not a finite number > 0.");
            }
        }
        return new RatingMatrix(users, items, rowPointers, columns, values);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsStrictlyAscending(ReadOnlySpan<int> values)
    {
        for (int k = 1; k < values.Length; k++) if (values[k] <= values[k - 1]) return false;
        return true;
    }
}
