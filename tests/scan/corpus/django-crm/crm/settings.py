import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "django-insecure-7IbL6ubr3gHQxT^Vi8Sty8!N6qpix^gp6u4D!+xPRHf%SY+F5n"
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
    "MAILGUN_API_KEY": "key-54d8f7204159a46d4ab9546d46420c7f",
    "MAILGUN_SENDER_DOMAIN": "mg.example.com",
    "MAILGUN_PUBLIC_KEY": "pubkey-110373c2a142a7ed5b8f2261adb0e5c2",
}
AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
CELERY_BROKER_URL = "amqp://crm:nAAaKjxZrk47keioD3@mq.example.com:5672//"
