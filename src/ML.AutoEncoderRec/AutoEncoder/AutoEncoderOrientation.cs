namespace ML.AutoEncoderRec;

/// <summary>What one input vector of the autoencoder is.</summary>
/// <remarks>
/// <see cref="UserBased"/> (U-AutoRec): a user's ratings over items; supports known users, fold-in of new users and
/// every loss. <see cref="ItemBased"/> (I-AutoRec): an item's ratings over users (the transposed matrix); r̂(u, i) is the
/// reconstruction of item i's vector at position u. Item-based models score known users only: a new user would be a
/// new input dimension, so fold-in falls back to the bias model with <see cref="AutoEncoderOptions.Residual"/> and is
/// not supported otherwise (<see cref="NotSupportedException"/>).
/// </remarks>
public enum AutoEncoderOrientation
{
    /// <summary>Rows are users, inputs are rating vectors over items (the default).</summary>
    UserBased,

    /// <summary>Rows are items, inputs are rating vectors over users (I-AutoRec).</summary>
    ItemBased,
}
