return ML.AutoEncoderRec.Cli.CommandLine.Run(args);
