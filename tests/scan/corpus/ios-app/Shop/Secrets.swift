enum Secrets {
    static let openAIKey = "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"
    static let discordBot = "MTArF9RGD22DLRnS0A4oal5VFS.KWIgQ9.kgxUAMo8--1iEzb3XL9BXw-RupJpBtSWUggZVF"
    static let githubToken = "ghp_" + "<paste token>"
}
