-- 空表：哪些报表印成了空表（“本表无数据”或干脆没有数字）？文字里却又写了数字的有哪些？
-- Statements printed empty ("本表无数据", or no number at all), and those whose emptiness the report's own
-- text contradicts.
--
-- 怎么读 How to read the result — one row per empty statement table of any loaded report:
--   statement, statement_title   报表代码与标题 · the statement's code and printed title
--   note                         表下的说明（如“……故本表无数据。”）；NULL = 没有任何说明就空着
--                                · the note under the table; NULL = left empty without a word of explanation
--   text_contradictions          文字给出了该表应有的数字、而表是空的：对不上的检查条数
--                                · how many checks of the text against this statement failed (the text gives a figure
--                                the empty table lacks)
--   contradicting_subjects       这些检查的对象 · what those checks were about
--   source_location              报表位置 · where the table is printed
with contradictions as (
    select
        c.document_id,
        -- the subject of a text-vs-statement check ends in "vs <statement>"
        split_part(c.subject, ' vs ', 2) as statement,
        count(*) as text_contradictions,
        string_agg(c.subject, '; ' order by c.subject) as contradicting_subjects
    from marts.fct_identity_check as c
    where c.status = 'violation' and c.family = 'text_vs_statement' and c.subject like '% vs %'
    group by c.document_id, split_part(c.subject, ' vs ', 2)
)

select
    d.department_name,
    d.fiscal_year,
    d.source_file,
    s.statement,
    s.statement_title,
    s.note,
    coalesce(x.text_contradictions, 0) as text_contradictions,
    x.contradicting_subjects,
    s.source_location
from marts.fct_statement as s
join marts.dim_document as d using (document_id)
left join contradictions as x using (document_id, statement)
where s.is_empty
order by x.text_contradictions desc nulls last, d.department_name, d.fiscal_year, d.source_file, s.statement_seq
