// Every internal link resolves.
