using ScottPlot;

namespace ML.AutoEncoderRec.Cli;

/// <summary>
/// The comparison as a PNG (ScottPlot): the metrics side by side as grouped bars (one colour per engine) and, when
/// some engine has a learning curve, a second panel with each engine's validation RMSE (solid) and training loss
/// (dashed) per epoch.
/// </summary>
internal static class ComparisonPlot
{
    private const int Width = 1100;
    private const int PanelHeight = 500;

    /// <summary>Draws <paramref name="rows"/> into the PNG file <paramref name="path"/>.</summary>
    public static void Save(IReadOnlyList<ComparisonRow> rows, string path)
    {
        var curves = rows.Where(r => r.LearningCurve.Count > 0).ToArray();
        var metrics = MetricsPanel(rows);
        if (curves.Length == 0)
        {
            metrics.SavePng(path, Width, PanelHeight);
            return;
        }
        var multiplot = new Multiplot();
        multiplot.Reset(metrics);
        multiplot.AddPlot(CurvesPanel(rows));
        multiplot.SavePng(path, Width, 2 * PanelHeight);
    }

    private static Plot MetricsPanel(IReadOnlyList<ComparisonRow> rows)
    {
        int k = rows.Count > 0 ? rows[0].K : 0;
        (string Name, Func<ComparisonRow, double> Value)[] metrics =
        [
            ("RMSE", r => r.Rmse), ("MAE", r => r.Mae), ($"NDCG@{k}", r => r.NdcgAtK), ($"Precision@{k}", r => r.PrecisionAtK),
            ($"Recall@{k}", r => r.RecallAtK), ("Coverage", r => r.Coverage),
        ];
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        double groupWidth = 0.8, barWidth = groupWidth / Math.Max(rows.Count, 1);
        var bars = new List<Bar>();
        for (int m = 0; m < metrics.Length; m++)
            for (int e = 0; e < rows.Count; e++)
            {
                double value = metrics[m].Value(rows[e]);
                if (double.IsNaN(value)) continue; // a rating metric of an engine whose scores are not ratings
                bars.Add(new Bar
                {
                    Position = m - groupWidth / 2 + barWidth * (e + 0.5),
                    Value = value,
                    Size = barWidth * 0.9,
                    FillColor = palette.GetColor(e),
                    Label = value.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture),
                });
            }
        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 9;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, metrics.Length).Select(m => (double)m).ToArray(), metrics.Select(m => m.Name).ToArray());
        for (int e = 0; e < rows.Count; e++)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = rows[e].Engine, FillColor = palette.GetColor(e) });
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.Margins(bottom: 0);
        plot.Title("Held-out metrics by engine");
        return plot;
    }

    private static Plot CurvesPanel(IReadOnlyList<ComparisonRow> rows)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int e = 0; e < rows.Count; e++)
        {
            var curve = rows[e].LearningCurve;
            if (curve.Count == 0) continue;
            var epochs = curve.Select(p => (double)p.Epoch).ToArray();
            var loss = plot.Add.Scatter(epochs, curve.Select(p => p.TrainLoss).ToArray());
            loss.Color = palette.GetColor(e);
            loss.LinePattern = LinePattern.Dashed;
            loss.LegendText = $"{rows[e].Engine} training loss";
            var validated = curve.Where(p => p.ValidationRmse.HasValue).ToArray();
            if (validated.Length == 0) continue;
            var rmse = plot.Add.Scatter(validated.Select(p => (double)p.Epoch).ToArray(), validated.Select(p => p.ValidationRmse!.Value).ToArray());
            rmse.Color = palette.GetColor(e);
            rmse.LegendText = $"{rows[e].Engine} held-out RMSE";
        }
        plot.ShowLegend(Alignment.UpperRight);
        plot.Title("Learning curves");
        plot.XLabel("epoch");
        plot.YLabel("RMSE / loss");
        return plot;
    }
}
