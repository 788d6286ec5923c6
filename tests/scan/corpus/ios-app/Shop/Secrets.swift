enum Secrets {
    static let openAIKey = "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"
    static let discordBot = "MTA9RGD22DLRnS0A4oal5VFS94.KWIgQ9.kgxUAMo8--1iEzb3XL9BXw-RupJpBtSWUggZVF"
    static let githubToken = "ghp_" + "<paste token>"
}
