enum Secrets {
    static let openAIKey = "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"
    static let discordBot = "MTADVd1a6il4HcULIakwzNCAW2.S2R2Nq.1HfxQDni8zFrUiUpBsbFvvQrS6OrTKCtkA6BaW"
    static let githubToken = "ghp_" + "<paste token>"
}
