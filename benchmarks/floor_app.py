"""The floor the browser benchmark compares with: what the same Streamlit and plotly take
to show a title and one plotly bar chart, with none of our code."""
import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="floor", layout="wide")
st.title("Floor")
st.plotly_chart(go.Figure(go.Bar(x=[571, 480, 374], y=["潍坊", "淄博", "忻州"], orientation="h")), width="stretch")
