using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.ML;
using ML.AutoEncoderRec.Cli.Serving;

namespace ML.AutoEncoderRec.Cli;

/// <summary>
/// <c>aerec serve --model M.zip [--urls http://127.0.0.1:5080] [--titles FILE]</c>: serves recommendations over HTTP
/// (JSON API and a demo page at <c>/</c>) until stopped with Ctrl+C.
/// </summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create()
    {
        var command = new Command("serve", "Serve recommendations over HTTP: a JSON API and a demo page at / (Ctrl+C stops).");
        var model = new Option<string>("--model") { Description = "A model saved by 'aerec train'.", Required = true };
        var urls = new Option<string>("--urls")
        {
            Description = $"Where to listen, ';'-separated http:// addresses (default {DefaultUrls}; port 0 picks a free port).",
            DefaultValueFactory = _ => DefaultUrls,
        };
        var titles = new Option<string>("--titles") { Description = $"Titles file: movies.csv or u.item (default {RecommendCommand.DefaultTitles} when present)." };
        foreach (var option in new Option[] { model, urls, titles }) command.Options.Add(option);
        command.SetAction(parse => Run(parse.GetValue(model)!, parse.GetValue(urls)!, parse.GetValue(titles), parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(string modelPath, string urls, string? titlesPath, TextWriter output)
    {
        var addresses = urls.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var address in addresses)
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
                throw new UsageException($"--urls: '{address}' is not an http:// address (e.g. {DefaultUrls}).");
        if (addresses.Length == 0) throw new UsageException("--urls holds no address.");

        var recommender = ModelFiles.LoadRecommender(new MLContext(0), modelPath);
        var titles = titlesPath != null ? ItemTitles.Load(titlesPath)
            : File.Exists(RecommendCommand.DefaultTitles) ? ItemTitles.Load(RecommendCommand.DefaultTitles) : null;
        using var app = ServeApp.Build(recommender, titles, addresses);
        try
        {
            app.Start();
        }
        catch (IOException e)
        {
            throw new UsageException($"Cannot listen on {urls}: {e.Message}");
        }
        output.WriteLine($"serving the {recommender.EngineName} model {modelPath} ({recommender.Items.Count} items, {recommender.Users.Count} users" +
            $"{(titles != null ? $", titles from {titles.Source}" : ", no titles")}) at {string.Join(" ", app.Urls)}; Ctrl+C stops");
        output.Flush();
        app.WaitForShutdown();
        return CommandLine.Success;
    }
}
