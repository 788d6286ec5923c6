package com.example.shop

object Api {
    const val BASE_URL = "https://api.example.com/"
    const val BACKEND_SHARED_SECRET = "hvfOvD4BYn6Sn3W3Kw9GGE3tFTIVsiE4"
    val token: String get() = BuildConfig.API_TOKEN
    const val DEMO_KEY = "AIza00000000000000000000000000000000000"
}
