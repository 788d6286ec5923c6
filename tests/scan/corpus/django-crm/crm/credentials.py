"""Looks up integration credentials in the vault at start-up."""
import hvac


def credentials(path):
    return hvac.Client().secrets.kv.read_secret_version(path=path)["data"]["data"]
