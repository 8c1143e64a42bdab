using ML.AutoEncoderRec.Data.Files;

namespace ML.AutoEncoderRec.Tests.Data.Files;

/// <summary><see cref="RatingColumnsBuilder"/> keeps the rows in order and knows whether they are in strictly ascending (user, item) order.</summary>
public sealed class RatingColumnsBuilderTests
{
    [Fact]
    public void NotesStrictPairOrderWhereverTheFirstStepBackIs()
    {
        // Ascending rows (users and items negative too), with at times one step back or one repeat at any row, added in
        // batches of 1 to 40 rows (the order is checked 8 rows at a time, the rest one by one, and across batches).
        var random = new Random(29);
        for (int trial = 0; trial < 300; trial++)
        {
            int n = random.Next(1, 300);
            var rows = new (int User, int Item)[n];
            int user = random.Next(-5, 5), item = random.Next(-5, 5);
            for (int r = 0; r < n; r++)
            {
                if (random.Next(4) == 0) (user, item) = (user + random.Next(1, 3), random.Next(-20, 20));
                else item += random.Next(1, 4);
                rows[r] = (user, item);
            }
            if (trial % 3 != 0)
            {
                int at = random.Next(n);
                rows[at] = random.Next(3) switch
                {
                    0 when at > 0 => rows[at - 1],                                     // a repeat
                    1 => (rows[at].User - 1, rows[at].Item),                            // a user back
                    _ => (rows[at].User, rows[at].Item - random.Next(0, 5)),            // an item back, or the same
                };
            }
            bool expected = Enumerable.Range(1, n - 1).All(r => rows[r].User > rows[r - 1].User
                || (rows[r].User == rows[r - 1].User && rows[r].Item > rows[r - 1].Item));

            var builder = new RatingColumnsBuilder();
            for (int r = 0; r < n;)
            {
                var room = builder.Reserve();
                int batch = Math.Min(Math.Min(random.Next(1, 41), room.Users.Length), n - r);
                for (int k = 0; k < batch; k++)
                {
                    room.Users[k] = rows[r + k].User;
                    room.Items[k] = rows[r + k].Item;
                    room.Ratings[k] = 1;
                    room.Timestamps[k] = r + k;
                    room.Lines[k] = r + k + 2;
                }
                builder.Commit(batch);
                r += batch;
            }
            Assert.Equal(expected, builder.InStrictPairOrder);
            var table = builder.ToTable("t");
            Assert.Equal(rows.Select(r => r.User), table.UserIds);
            Assert.Equal(rows.Select(r => r.Item), table.ItemIds);
        }
    }
}
