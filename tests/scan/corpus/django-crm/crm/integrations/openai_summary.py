import openai

client = openai.OpenAI(api_key="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")

PROMPT = "Summarise this customer's last five tickets in three bullet points."


def summarise(tickets, model="gpt-4o-mini"):
    return client.chat.completions.create(model=model, messages=[{"role": "user", "content": PROMPT + tickets}])
