from .settings import *  # noqa

SECRET_KEY = "test-secret-key-not-for-production"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STRIPE_API_KEY = "sk_test_LZFvUeR9ZaDKAzrkdNlCaSOu"
OPENAI_API_KEY = "sk-your-key-here"
GOOGLE_MAPS_KEY = "AIzaSyabcdefghijklmnopqrstuvwxyz0123456"
