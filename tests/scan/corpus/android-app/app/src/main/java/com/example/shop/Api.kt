package com.example.shop

object Api {
    const val BASE_URL = "https://api.example.com/"
    const val BACKEND_SHARED_SECRET = "q3n7vakA8yqXX9p1eZsxKKvl39nmQnRz"
    val token: String get() = BuildConfig.API_TOKEN
    const val DEMO_KEY = "AIza00000000000000000000000000000000000"
}
