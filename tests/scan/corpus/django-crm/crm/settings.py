import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "django-insecure-Rq5zjOPxN70#bM7*Polpq4sPL-zPmZ9s^60qIGRsz*U*b_W6+Y"
DEBUG = False
ALLOWED_HOSTS = ["crm.example.com"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "crm",
        "USER": "crm",
        "PASSWORD": os.environ["CRM_DB_PASSWORD"],
        "HOST": "db.example.com",
    }
}

EMAIL_BACKEND = "anymail.backends.mailgun.EmailBackend"
ANYMAIL = {
    "MAILGUN_API_KEY": "key-8ff9442d0e98bb96bb05c5be24f80ff1",
    "MAILGUN_SENDER_DOMAIN": "mg.example.com",
    "MAILGUN_PUBLIC_KEY": "pubkey-fde1caef81418bc77e7ad15270747099",
}
AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
CELERY_BROKER_URL = "amqp://crm:cRnUnzVWtG0A39ykkq@mq.example.com:5672//"
