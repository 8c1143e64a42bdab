using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ML.AutoEncoderRec;

/// <summary>
/// A fixed vocabulary of original ids (users or items) mapped to dense 0-based indices in ascending id order.
/// </summary>
/// <remarks>
/// Ids are 32-bit integers. Text ids (string ids mapped to keys with <c>MapValueToKey</c>) are held as integer stand-ins
/// (the key's 0-based index) with their text: <see cref="HasTextIds"/>, <see cref="OriginalId"/> and
/// <see cref="IndexOfOriginal"/> give and take the original ids either way.
/// </remarks>
/// <remarks>
/// Lookups use a direct array when the ids are compact (0 ≤ id and max id &lt; 16·count + 2^18: at most 64 bytes per
/// id plus 1 MiB) and a dictionary otherwise, so both MovieLens-style ids (ml-latest's item ids reach 20 × their
/// count) and sparse 32-bit ids are O(1). Building from n ids whose range spans at most 2·n + 1024 values marks them
/// in a presence array, O(n + range); wider ranges are sorted, O(n log n).
/// </remarks>
public sealed class KeyIndex
{
    private readonly int[] _ids;
    private readonly int[]? _dense;               // id -> index + 1 (0 = absent), for compact non-negative ids
    private readonly Dictionary<int, int>? _sparse;
    private readonly string[]? _texts;            // the original text of each index's id (text ids), else null
    private readonly Dictionary<string, int>? _indexOfText;

    /// <summary>The same ids, with the original text of each (in index order).</summary>
    private KeyIndex(KeyIndex ids, string[] texts)
    {
        _ids = ids._ids;
        _dense = ids._dense;
        _sparse = ids._sparse;
        _texts = texts;
        _indexOfText = new Dictionary<string, int>(texts.Length, StringComparer.Ordinal);
        for (int k = 0; k < texts.Length; k++)
            if (!_indexOfText.TryAdd(texts[k], k)) throw new InvalidDataException($"The text id '{texts[k]}' occurs twice.");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private KeyIndex(int[] sortedDistinctIds)
    {
        _ids = sortedDistinctIds;
        int count = _ids.Length;
        if (count == 0) { _dense = Array.Empty<int>(); return; }
        long max = _ids[^1], min = _ids[0];
        if (min >= 0 && max < 16L * count + (1 << 18))
        {
            _dense = new int[max + 1];
            for (int k = 0; k < count; k++) _dense[_ids[k]] = k + 1;
        }
        else
        {
            _sparse = new Dictionary<int, int>(count);
            for (int k = 0; k < count; k++) _sparse[_ids[k]] = k;
        }
    }

    /// <summary>Builds the vocabulary of the distinct values in <paramref name="ids"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static KeyIndex FromIds(ReadOnlySpan<int> ids)
    {
        if (ids.IsEmpty) return new KeyIndex([]);
        var (min, max) = MinMax(ids);
        long range = (long)max - min + 1;
        if (range > 2L * ids.Length + 1024) return new KeyIndex(SortedDistinct(ids));
        var rented = ArrayPool<bool>.Shared.Rent((int)range);
        var present = rented.AsSpan(0, (int)range);
        present.Clear();
        foreach (int id in ids) present[id - min] = true;
        var distinct = new int[present.Count(true)];
        Collect(present, min, distinct);
        ArrayPool<bool>.Shared.Return(rented);
        return new KeyIndex(distinct);
    }

    /// <summary>
    /// Writes <paramref name="first"/> + k for each k where <paramref name="present"/> is true, ascending, into
    /// <paramref name="ids"/> (as long as the count of them): 32 marks are compared at once, and each one found is the
    /// lowest bit left of their mask.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Collect(ReadOnlySpan<bool> present, int first, Span<int> ids)
    {
        ref byte marks = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(present));
        int k = 0, n = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; k <= present.Length - Vector256<byte>.Count; k += Vector256<byte>.Count)
                for (uint found = ~Vector256.Equals(Vector256.LoadUnsafe(ref marks, (nuint)k), Vector256<byte>.Zero).ExtractMostSignificantBits();
                     found != 0; found &= found - 1)
                    ids[n++] = first + k + BitOperations.TrailingZeroCount(found);
        for (; k < present.Length; k++)
            if (present[k]) ids[n++] = first + k;
    }

    /// <summary>The least and greatest of <paramref name="ids"/> (not empty), a vector of them at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Min, int Max) MinMax(ReadOnlySpan<int> ids)
    {
        int k = 0, min = int.MaxValue, max = int.MinValue;
        if (Vector.IsHardwareAccelerated && ids.Length >= Vector<int>.Count)
        {
            var mins = new Vector<int>(int.MaxValue);
            var maxes = new Vector<int>(int.MinValue);
            for (; k <= ids.Length - Vector<int>.Count; k += Vector<int>.Count)
            {
                var values = new Vector<int>(ids[k..]);
                mins = Vector.Min(mins, values);
                maxes = Vector.Max(maxes, values);
            }
            for (int lane = 0; lane < Vector<int>.Count; lane++)
            {
                min = Math.Min(min, mins[lane]);
                max = Math.Max(max, maxes[lane]);
            }
        }
        for (; k < ids.Length; k++)
        {
            min = Math.Min(min, ids[k]);
            max = Math.Max(max, ids[k]);
        }
        return (min, max);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] SortedDistinct(ReadOnlySpan<int> ids)
    {
        var sorted = ids.ToArray();
        Array.Sort(sorted);
        int n = 0;
        for (int k = 0; k < sorted.Length; k++)
            if (k == 0 || sorted[k] != sorted[k - 1]) sorted[n++] = sorted[k];
        Array.Resize(ref sorted, n);
        return sorted;
    }

    /// <summary>Number of ids.</summary>
    public int Count => _ids.Length;

    /// <summary>The ids in index order (ascending).</summary>
    public ReadOnlySpan<int> Ids => _ids;

    /// <summary>The original id at <paramref name="index"/>.</summary>
    public int this[int index] => _ids[index];

    /// <summary>The index of <paramref name="id"/>, or -1 when it is not in the vocabulary.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int IndexOf(int id)
    {
        if (_dense != null) return id >= 0 && id < _dense.Length ? _dense[id] - 1 : -1;
        return _sparse!.TryGetValue(id, out int index) ? index : -1;
    }

    /// <summary>Writes the index of each of <paramref name="ids"/> (−1 when not in the vocabulary) into <paramref name="indices"/> (as long).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void IndicesOf(ReadOnlySpan<int> ids, Span<int> indices)
    {
        if (_dense is not { } dense)
        {
            for (int k = 0; k < ids.Length; k++) indices[k] = _sparse!.TryGetValue(ids[k], out int index) ? index : -1;
            return;
        }
        indices = indices[..ids.Length];
        for (int k = 0; k < ids.Length; k++) indices[k] = (uint)ids[k] < (uint)dense.Length ? dense[ids[k]] - 1 : -1;
    }

    /// <summary>Whether <paramref name="id"/> is in the vocabulary.</summary>
    public bool Contains(int id) => IndexOf(id) >= 0;

    /// <summary>Whether the original ids are text (the integer ids then stand in for them).</summary>
    public bool HasTextIds => _texts != null;

    /// <summary>The original id at <paramref name="index"/>: its text for text ids, else the integer's decimal digits.</summary>
    public string OriginalId(int index) => _texts?[index] ?? _ids[index].ToString(CultureInfo.InvariantCulture);

    /// <summary>The index of the original id <paramref name="originalId"/> (text, or an integer's digits), or -1 when it is not in the vocabulary.</summary>
    public int IndexOfOriginal(string originalId)
    {
        ArgumentNullException.ThrowIfNull(originalId);
        if (_indexOfText != null) return _indexOfText.TryGetValue(originalId, out int index) ? index : -1;
        return int.TryParse(originalId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int id)
            && id.ToString(CultureInfo.InvariantCulture) == originalId ? IndexOf(id) : -1;
    }

    /// <summary>These ids with their original texts: <paramref name="textOfId"/>[id] for each id (the ids index the texts).</summary>
    internal KeyIndex WithTexts(IReadOnlyList<string> textOfId) => new(this, _ids.Select(id => textOfId[id]).ToArray());

    /// <summary>Writes the texts (count, then each string; count −1 for numeric ids).</summary>
    internal void WriteTexts(BinaryWriter writer)
    {
        writer.Write(_texts?.Length ?? -1);
        foreach (string text in _texts ?? []) writer.Write(text);
    }

    /// <summary>These ids with the texts <see cref="WriteTexts"/> wrote (unchanged when it wrote none).</summary>
    /// <exception cref="InvalidDataException">The text count differs from the id count, or a text repeats.</exception>
    internal KeyIndex ReadTexts(BinaryReader reader, string what)
    {
        int count = reader.ReadInt32();
        if (count == -1) return this;
        if (count != Count) throw new InvalidDataException($"{what}: {count} text ids for {Count} ids.");
        var texts = new string[count];
        for (int k = 0; k < count; k++) texts[k] = reader.ReadString();
        return new KeyIndex(this, texts);
    }

    internal void Write(BinaryWriter writer)
    {
        writer.Write(_ids.Length);
        foreach (int id in _ids) writer.Write(id);
    }

    internal static KeyIndex Read(BinaryReader reader, string what)
    {
        int count = reader.ReadInt32();
        if (count < 0) throw new InvalidDataException($"{what}: negative id count {count}.");
        var ids = new int[count];
        for (int k = 0; k < count; k++)
        {
            ids[k] = reader.ReadInt32();
            if (k > 0 && ids[k] <= ids[k - 1])
                throw new InvalidDataException($"{what}: ids are not strictly ascending at position {k}.");
        }
        return new KeyIndex(ids);
    }
}
