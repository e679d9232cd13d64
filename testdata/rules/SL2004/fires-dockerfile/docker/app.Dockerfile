FROM alpine:3.22
USER nobody
CMD ["true"]
