namespace ML.AutoEncoderRec;

/// <summary>What is subtracted from the ratings before the decomposition (and added back to the scores).</summary>
public enum SvdCentering
{
    /// <summary>Nothing: the textbook method, unrated entries are 0 and predictions shrink towards 0.</summary>
    None,

    /// <summary>
    /// Each user's mean rating is subtracted from the items that user rated (unrated entries stay 0) and added back
    /// to every score, so predictions shrink towards the user's mean instead of 0.
    /// </summary>
    UserMean,
}
