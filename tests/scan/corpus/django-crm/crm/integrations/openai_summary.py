import openai

client = openai.OpenAI(api_key="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")

PROMPT = "Summarise this customer's last five tickets in three bullet points."


def summarise(tickets, model="gpt-4o-mini"):
    return client.chat.completions.create(model=model, messages=[{"role": "user", "content": PROMPT + tickets}])
