import os
SECRET_KEY = os.environ["SECRET_KEY"]
DATABASE_URL = os.environ["DATABASE_URL"]
# filter 0
# filter 1
# filter 2
# filter 3
