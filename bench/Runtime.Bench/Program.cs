Console.WriteLine("runtime benchmark: not yet written");
