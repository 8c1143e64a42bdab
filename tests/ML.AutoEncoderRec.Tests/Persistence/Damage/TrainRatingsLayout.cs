using System.Buffers.Binary;

namespace ML.AutoEncoderRec.Tests.Persistence.Damage;

/// <summary>
/// Offsets inside a saved TrainRatings.bin: int users, user ids; int items, item ids; int nnz; users + 1 row
/// pointers; nnz column indices; nnz float ratings.
/// </summary>
internal sealed record TrainRatingsLayout(int Users, int ItemsOffset, int Items, int ColumnsOffset)
{
    public static TrainRatingsLayout Of(byte[] bytes)
    {
        int users = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        int itemsOffset = 4 + 4 * users;
        int items = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(itemsOffset));
        int nnzOffset = itemsOffset + 4 + 4 * items;
        return new TrainRatingsLayout(users, itemsOffset, items, nnzOffset + 4 + 4 * (users + 1));
    }

    /// <summary>The same matrix with one more (unrated) item id, larger than every other, appended to the item vocabulary.</summary>
    public static byte[] WithExtraItem(byte[] bytes)
    {
        var layout = Of(bytes);
        int end = layout.ItemsOffset + 4 + 4 * layout.Items;
        int lastId = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(end - 4));
        var result = new byte[bytes.Length + 4];
        bytes.AsSpan(0, end).CopyTo(result);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(layout.ItemsOffset), layout.Items + 1);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(end), lastId + 1);
        bytes.AsSpan(end).CopyTo(result.AsSpan(end + 4));
        return result;
    }
}
