"""The 2021 template: 国办公开办函〔2021〕30号, for reports on 2021 and later.

Grammar: ``grammars/report_2021.lark`` (its label terminals are checked against this module by
``tests/test_formats.py``). Cell keys: ``../shared/spec/cells.md``.
"""

from __future__ import annotations

from .template import Column, Format, Identity, Label, Row, Table

# ----------------------------------------------------------------------------- sections

SECTIONS = (
    Label("一、总体情况", "S_HEADING_1"),
    Label("二、主动公开政府信息情况", "S_HEADING_2", aliases=("二、行政机关主动公开政府信息情况",)),
    Label("三、收到和处理政府信息公开申请情况", "S_HEADING_3"),
    Label(
        "四、政府信息公开行政复议、行政诉讼情况",
        "S_HEADING_4",
        aliases=(
            "四、政府信息公开行政复议和行政诉讼情况",
            "四、政府信息公开行政复议及行政诉讼情况",
            "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "四、因政府信息公开被申请行政复议和提起行政诉讼情况",
            "四、因政府信息公开申请行政复议、提起行政诉讼的情况",
        ),
    ),
    Label(
        "五、存在的主要问题及改进情况",
        "S_HEADING_5",
        aliases=(
            "五、政府信息公开工作存在的主要问题及改进情况",
            "五、存在的主要问题和改进情况",
            "五、存在的主要问题及改进措施",
            "五、存在问题及改进情况",
            "五、政府信息公开工作存在不足及改进措施",
            "五、政府信息公开工作存在的不足及改进措施",
        ),
    ),
    Label("六、其他需要报告的事项", "S_HEADING_6"),
)

# ----------------------------------------------------------------------------- 表二

CONTENT = Label("信息内容", "H_CONTENT")
FEE_AMOUNT = Label("本年收费金额（单位：万元）", "H_FEE_AMOUNT")
ITEM_1 = Label("第二十条第（一）项", "H_ITEM_1")
ITEM_5 = Label("第二十条第（五）项", "H_ITEM_5")
ITEM_6 = Label("第二十条第（六）项", "H_ITEM_6")
ITEM_8 = Label("第二十条第（八）项", "H_ITEM_8")
REGULATIONS = Label("规章", "L_REGULATIONS")
_DECISIONS = Column(None, Label("本年处理决定数量", "H_DECISIONS"))
_DOCUMENT_COLUMNS = (
    Column("issued", Label("本年制发件数", "H_ISSUED"), "制发"),
    Column("repealed", Label("本年废止件数", "H_REPEALED"), "废止"),
    Column("in_force", Label("现行有效件数", "H_IN_FORCE"), "现行有效"),
)

TABLE_2 = Table(
    "t2",
    "表二",
    "主动公开政府信息情况",
    2,
    (
        Row("regulations", REGULATIONS, _DOCUMENT_COLUMNS, ITEM_1),
        Row(
            "normative_documents",
            Label("行政规范性文件", "L_NORMATIVE_DOCUMENTS", aliases=("规范性文件",)),
            _DOCUMENT_COLUMNS,
            ITEM_1,
        ),
        Row("licensing", Label("行政许可", "L_LICENSING"), (_DECISIONS,), ITEM_5),
        Row("punishment", Label("行政处罚", "L_PUNISHMENT"), (_DECISIONS,), ITEM_6),
        Row("coercion", Label("行政强制", "L_COERCION"), (_DECISIONS,), ITEM_6),
        Row(
            "fees_10k_yuan",
            Label("行政事业性收费", "L_FEES"),
            (
                Column(
                    None,
                    Label("本年收费金额（单位：万元）", "H_FEE_AMOUNT"),
                    "收费(万元)",
                    money=True,
                    unit="万元",
                ),
            ),
            ITEM_8,
        ),
    ),
    headers=(CONTENT,),
)

# ----------------------------------------------------------------------------- 表三

NOTE = Label("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "H_NOTE")
APPLICANTS = Label("申请人情况", "H_APPLICANTS")
LEGAL_PERSON = Label("法人或其他组织", "H_LEGAL_PERSON")
TOTAL = Label("总计", "H_TOTAL")
T3_COLUMNS = (
    Column("natural_person", Label("自然人", "H_NATURAL_PERSON"), "自然人"),
    Column("commercial_enterprise", Label("商业企业", "H_COMMERCIAL"), "商业企业"),
    Column("research_institution", Label("科研机构", "H_RESEARCH"), "科研机构"),
    Column("social_welfare_org", Label("社会公益组织", "H_SOCIAL_WELFARE"), "社会公益组织"),
    Column("legal_service_org", Label("法律服务机构", "H_LEGAL_SERVICE"), "法律服务机构"),
    Column("other_org", Label("其他", "H_OTHER", short="其他（法人或其他组织）"), "其他"),
    Column("total", TOTAL, "总计"),
)

RESULTS = Label("三、本年度办理结果", "G_RESULTS")
DENIED = Label("（三）不予公开", "G_DENIED")
UNABLE = Label("（四）无法提供", "G_UNABLE")
NOT_PROCESSED = Label("（五）不予处理", "G_NOT_PROCESSED")
OTHER = Label("（六）其他处理", "G_OTHER")


def t3_row(
    key: str,
    text: str,
    terminal: str,
    group: Label | None = None,
    short: str | None = None,
    aliases: tuple[str, ...] = (),
) -> Row:
    return Row(key, Label(text, terminal, aliases=aliases, short=short), T3_COLUMNS, group)


def _in(
    group: Label, key: str, text: str, terminal: str, short: str | None = None, aliases: tuple[str, ...] = ()
) -> Row:
    # A numbered row is named with its group in findings: （三）1.属于国家秘密.
    enumerator = group.text[: group.text.index("）") + 1]
    return t3_row(key, text, terminal, group, short or enumerator + text, aliases)


T3_INTAKE = (
    t3_row("new_received", "一、本年新收政府信息公开申请数量", "L_NEW_RECEIVED", short="一、本年新收"),
    t3_row("carried_over", "二、上年结转政府信息公开申请数量", "L_CARRIED_OVER", short="二、上年结转"),
)
T3_GRANTED = (
    t3_row("granted", "（一）予以公开", "L_GRANTED", RESULTS),
    t3_row(
        "partially_granted",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "L_PARTIALLY_GRANTED",
        RESULTS,
        short="（二）部分公开",
    ),
)
T3_DENIED_TO_NOT_PROCESSED = (
    _in(DENIED, "denied_state_secret", "1.属于国家秘密", "L_DENIED_STATE_SECRET"),
    _in(DENIED, "denied_prohibited_by_law", "2.其他法律行政法规禁止公开", "L_DENIED_PROHIBITED_BY_LAW"),
    _in(DENIED, "denied_three_safeties_one_stability", "3.危及“三安全一稳定”", "L_DENIED_THREE_SAFETIES"),
    _in(DENIED, "denied_third_party_rights", "4.保护第三方合法权益", "L_DENIED_THIRD_PARTY"),
    _in(DENIED, "denied_internal_affairs", "5.属于三类内部事务信息", "L_DENIED_INTERNAL_AFFAIRS"),
    _in(DENIED, "denied_process_info", "6.属于四类过程性信息", "L_DENIED_PROCESS_INFO"),
    _in(DENIED, "denied_law_enforcement_file", "7.属于行政执法案卷", "L_DENIED_LAW_ENFORCEMENT"),
    _in(DENIED, "denied_administrative_query", "8.属于行政查询事项", "L_DENIED_ADMIN_QUERY"),
    _in(UNABLE, "unable_not_held", "1.本机关不掌握相关政府信息", "L_UNABLE_NOT_HELD"),
    _in(UNABLE, "unable_needs_creation", "2.没有现成信息需要另行制作", "L_UNABLE_NEEDS_CREATION"),
    _in(UNABLE, "unable_still_unclear", "3.补正后申请内容仍不明确", "L_UNABLE_STILL_UNCLEAR"),
    _in(NOT_PROCESSED, "not_processed_petition", "1.信访举报投诉类申请", "L_NOT_PROCESSED_PETITION"),
    _in(NOT_PROCESSED, "not_processed_duplicate", "2.重复申请", "L_NOT_PROCESSED_DUPLICATE"),
    _in(NOT_PROCESSED, "not_processed_publication", "3.要求提供公开出版物", "L_NOT_PROCESSED_PUBLICATION"),
    _in(
        NOT_PROCESSED,
        "not_processed_massive_repeat",
        "4.无正当理由大量反复申请",
        "L_NOT_PROCESSED_MASSIVE",
        # 反覆 is the other spelling of 反复, and what converters back from traditional print.
        aliases=("4.无正当理由大量反覆申请",),
    ),
    _in(
        NOT_PROCESSED,
        "not_processed_confirm_info",
        "5.要求行政机关确认或重新出具已获取信息",
        "L_NOT_PROCESSED_CONFIRM",
    ),
)
T3_OTHER = (
    _in(
        OTHER,
        "other_overdue_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "L_OTHER_OVERDUE_CORRECTION",
        short="（六）1.逾期不补正",
    ),
    _in(
        OTHER,
        "other_overdue_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "L_OTHER_OVERDUE_FEE",
        short="（六）2.逾期未缴费",
    ),
    _in(OTHER, "other_other", "3.其他", "L_OTHER_OTHER"),
)
T3_CLOSING = (
    t3_row("total_processed", "（七）总计", "L_TOTAL_PROCESSED", RESULTS),
    t3_row("carried_forward", "四、结转下年度继续办理", "L_CARRIED_FORWARD"),
)


def table_3(other: tuple[Row, ...], *group_labels: Label) -> Table:
    """表三 with the given （六）其他处理 rows: the one thing the 2019 template prints otherwise."""
    return Table(
        "t3",
        "表三",
        "收到和处理政府信息公开申请情况",
        3,
        (*T3_INTAKE, *T3_GRANTED, *T3_DENIED_TO_NOT_PROCESSED, *other, *T3_CLOSING),
        headers=(NOTE, APPLICANTS, LEGAL_PERSON, RESULTS, DENIED, UNABLE, NOT_PROCESSED, *group_labels),
    )


TABLE_3 = table_3(T3_OTHER, OTHER)

# ----------------------------------------------------------------------------- 表四

REVIEW = Label("行政复议", "H_REVIEW")
LITIGATION = Label("行政诉讼", "H_LITIGATION")
T4_COLUMNS = (
    Column("upheld", Label("结果维持", "H_UPHELD"), "维持"),
    Column("corrected", Label("结果纠正", "H_CORRECTED"), "纠正"),
    Column("other", Label("其他结果", "H_OTHER_RESULT"), "其他"),
    Column("pending", Label("尚未审结", "H_PENDING"), "尚未审结"),
    Column("total", TOTAL, "总计"),
)
TABLE_4 = Table(
    "t4",
    "表四",
    "政府信息公开行政复议、行政诉讼情况",
    4,
    (
        Row("review", REVIEW, T4_COLUMNS),
        Row(
            "litigation_direct",
            Label("未经复议直接起诉", "H_DIRECT", short="行政诉讼（未经复议直接起诉）"),
            T4_COLUMNS,
            LITIGATION,
        ),
        Row(
            "litigation_after_review",
            Label("复议后起诉", "H_AFTER_REVIEW", short="行政诉讼（复议后起诉）"),
            T4_COLUMNS,
            LITIGATION,
        ),
    ),
)

# ----------------------------------------------------------------------------- identities

_APPLICANT_COLUMNS = tuple(column.key for column in T3_COLUMNS[:6] if column.key)


def t3_identities(outcome_rows: tuple[str, ...]) -> tuple[Identity, ...]:
    return (
        Identity(
            "T3_IDENTITY",
            "t3",
            "column",
            ("new_received", "carried_over"),
            ("total_processed", "carried_forward"),
        ),
        Identity("T3_TOTAL_ROW", "t3", "column", outcome_rows, ("total_processed",)),
        Identity("T3_TOTAL_COL", "t3", "row", _APPLICANT_COLUMNS, ("total",)),
    )


T4_IDENTITY = Identity("T4_SUM", "t4", "row", ("upheld", "corrected", "other", "pending"), ("total",))


def outcome_rows(table: Table) -> tuple[str, ...]:
    """表三's outcome rows, （一） to （六）: those between 二、上年结转 and （七）总计."""
    keys = table.row_keys
    return keys[keys.index("carried_over") + 1 : keys.index("total_processed")]


FORMAT_2021 = Format(
    name="2021",
    document="国办公开办函〔2021〕30号",
    grammar_files=("report_2021.lark", "report_tables.lark"),
    sections=SECTIONS,
    tables=(TABLE_2, TABLE_3, TABLE_4),
    identities=(*t3_identities(outcome_rows(TABLE_3)), T4_IDENTITY),
    signals=(
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额",
        "逾期未按收费通知要求缴纳费用",
        "逾期不补正、行政机关不再处理",
    ),
)
