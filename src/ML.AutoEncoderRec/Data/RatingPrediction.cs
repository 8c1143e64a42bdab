namespace ML.AutoEncoderRec;

/// <summary>
/// The output row class of a fitted pipeline's prediction engine:
/// <c>mlContext.Model.CreatePredictionEngine&lt;RatingRow, RatingPrediction&gt;(model).Predict(new RatingRow { UserId = 1, ItemId = 50 })</c>.
/// </summary>
public sealed class RatingPrediction
{
    /// <summary>
    /// The predicted rating of the row's (user, item) pair, NaN when the model does not know the user or the item. For a
    /// ranking-only engine (<see cref="RecommenderTransformer.ProducesRatings"/> false) its ranking score instead: higher
    /// ranks first, but it is not a rating.
    /// </summary>
    public float Score { get; set; }
}
